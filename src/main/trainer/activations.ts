/**
 * "Inside a CNN": every layer's output for one picture, as the network is
 * now. The first few test pictures (training ones when there is no test set)
 * stay on the device as candidates; the `probe` command picks one, and each
 * take is one forward pass of that picture through a view of the trained
 * layers and one read. Feature maps are shrunk to at most PROBE_MAP_SIDE a
 * side and quantized to bytes per layer, like the first layer's kernel
 * pictures, so an event stays a few tens of kilobytes.
 */
import type * as TF from '@tensorflow/tfjs';
import type { LoadedDataset } from '../../shared/protocol/datasets.ts';
import { PROBE_CANDIDATES, PROBE_MAP_SIDE, PROBE_MAPS, PROBE_UNITS, type ByteImage, type LayerActivations, type TrainerEvent } from '../../shared/protocol/trainer.ts';
import type { Tf } from './backends/types.ts';
import { round4 } from './weight-stats.ts';

export type ActivationsEvent = Extract<TrainerEvent, { type: 'activations' }>;

/** At most this many layers are shown, the first in model order. */
const MAX_LAYERS = 16;
/** Layers that only pass values on (or drop them only while training): they would repeat the layer before. */
const PASS_THROUGH = new Set(['InputLayer', 'Flatten', 'Reshape', 'Dropout', 'SpatialDropout2D', 'GaussianNoise']);

interface ShownLayer {
  readonly nodeId: string;
  readonly name: string;
  readonly className: string;
  readonly shape: readonly number[];
  /** Feature maps: how many are shown, their size after shrinking and the shrink factor. */
  readonly maps?: { readonly count: number; readonly width: number; readonly height: number; readonly factor: number };
  /** Dense outputs: how many are shown. */
  readonly units?: number;
}

/** Pixels as bytes, as the data panel shows them: values in 0–1 scaled to 0–255, other ranges stretched to fit. */
export function pictureBytes(values: Float32Array): number[] {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const scale = max <= 1 ? 255 : 255 / max;
  return Array.from(values, (v) => Math.max(0, Math.min(255, Math.round(v * scale))));
}

function describeLayer(layer: TF.layers.Layer, nodeOf: (name: string) => string): ShownLayer | null {
  const className = layer.getClassName();
  if (PASS_THROUGH.has(className) || layer.inboundNodes.length !== 1) return null;
  const shape = (layer.output as TF.SymbolicTensor).shape.slice(1) as number[];
  const base = { nodeId: nodeOf(layer.name), name: layer.name, className, shape };
  if (shape.length === 3) {
    const [h, w, c] = shape;
    const factor = Math.max(1, Math.ceil(Math.max(h, w) / PROBE_MAP_SIDE));
    return { ...base, maps: { count: Math.min(c, PROBE_MAPS), width: Math.floor(w / factor), height: Math.floor(h / factor), factor } };
  }
  if (shape.length === 1) return { ...base, units: Math.min(shape[0], PROBE_UNITS) };
  return null;
}

export class ActivationProbe {
  private readonly view: TF.LayersModel;
  private readonly shown: readonly ShownLayer[];
  private readonly inputs: TF.Tensor;
  private readonly candidates: readonly (ByteImage & { readonly label: number })[];
  private sample = 0;
  private sentCandidates = false;

  constructor(
    private readonly tf: Tf,
    model: TF.LayersModel,
    data: LoadedDataset,
    /** The graph node of each layer, by layer name (the spec's). */
    nodeOf: (layerName: string) => string = (name) => name,
  ) {
    const layers = model.layers.map((l) => describeLayer(l, nodeOf)).filter((l): l is ShownLayer => l !== null);
    this.shown = layers.slice(0, MAX_LAYERS);
    if (!this.shown.length) throw new Error('the model has no convolution, pooling or dense layer to show');
    const byName = new Map(model.layers.map((l) => [l.name, l]));
    // A view over the trained layers, never disposed: disposing it would release the weights the training model still uses.
    this.view = tf.model({ inputs: model.inputs, outputs: this.shown.map((l) => byName.get(l.name)!.output as TF.SymbolicTensor) });

    const fromTest = data.info.testCount > 0;
    const x = fromTest ? data.xTest : data.xTrain;
    const y = fromTest ? data.yTest : data.yTrain;
    const total = fromTest ? data.info.testCount : data.info.trainCount;
    const count = Math.min(PROBE_CANDIDATES, total);
    if (count === 0) throw new Error('the dataset has no pictures');
    const size = x.length / total;
    const [height = 1, width = 1, channels = 1] = data.info.inputShape;
    const classification = data.info.task === 'classification' && data.info.targetSize === 1;
    this.candidates = Array.from({ length: count }, (_, i) => ({
      width,
      height,
      channels,
      pixels: pictureBytes(x.subarray(i * size, (i + 1) * size)),
      label: classification ? y[i] : -1,
    }));
    const sampleShape = model.inputs[0].shape.slice(1) as number[];
    this.inputs = tf.tensor(x.subarray(0, count * size), [count, ...sampleShape], 'float32');
  }

  /** Picks the candidate the next takes show; false (and no change) for one that does not exist. */
  select(sample: number): boolean {
    if (!Number.isInteger(sample) || sample < 0 || sample >= this.candidates.length) return false;
    this.sample = sample;
    return true;
  }

  /**
   * Every candidate's activations, the picked one last (so it stays the one
   * shown): sent once the run has trained, so that a finished run can show
   * any candidate.
   */
  async takeEach(step: number, epoch: number): Promise<ActivationsEvent[]> {
    const picked = this.sample;
    const order = [...Array.from({ length: this.candidates.length }, (_, i) => i).filter((i) => i !== picked), picked];
    const events: ActivationsEvent[] = [];
    for (const sample of order) {
      this.sample = sample;
      events.push(await this.take(step, epoch));
    }
    this.sample = picked;
    return events;
  }

  /** Every shown layer's output for the picked picture: one forward pass and one read. */
  async take(step: number, epoch: number): Promise<ActivationsEvent> {
    const tf = this.tf;
    const sample = this.sample;
    const flat = tf.tidy(() => {
      const x = tf.slice(this.inputs, sample, 1);
      const outs = this.view.apply(x, { training: false }) as TF.Tensor | TF.Tensor[];
      const list = Array.isArray(outs) ? outs : [outs];
      const parts = list.map((out, i) => {
        const layer = this.shown[i];
        if (layer.maps) {
          const { count, factor, width, height } = layer.maps;
          let maps = tf.slice(out as TF.Tensor4D, [0, 0, 0, 0], [1, height * factor, width * factor, count]);
          if (factor > 1) maps = tf.avgPool(maps, factor, factor, 'valid');
          return tf.reshape(tf.transpose(maps, [0, 3, 1, 2]), [-1]);
        }
        return tf.reshape(tf.slice(out as TF.Tensor2D, [0, 0], [1, layer.units!]), [-1]);
      });
      return tf.concat(parts);
    });
    const values = (await flat.data()) as Float32Array;
    flat.dispose();
    let at = 0;
    const next = (n: number) => values.subarray(at, (at += n));
    const layers = this.shown.map((layer): LayerActivations => {
      const base = { nodeId: layer.nodeId, name: layer.name, className: layer.className, shape: layer.shape };
      if (!layer.maps) return { ...base, units: Array.from(next(layer.units!), round4) };
      const { count, width, height } = layer.maps;
      const v = next(count * width * height);
      let min = Infinity;
      let max = -Infinity;
      for (const x of v) {
        if (x < min) min = x;
        if (x > max) max = x;
      }
      const scale = max > min ? 255 / (max - min) : 0;
      const images = Array.from({ length: count }, (_, k) => Array.from(v.subarray(k * width * height, (k + 1) * width * height), (x) => Math.round((x - min) * scale)));
      return { ...base, maps: { width, height, min: round4(min), max: round4(max), images } };
    });
    const first = !this.sentCandidates;
    this.sentCandidates = true;
    return { type: 'activations', step, epoch, sample, ...(first ? { candidates: this.candidates } : {}), layers };
  }

  dispose(): void {
    this.inputs.dispose();
  }
}
