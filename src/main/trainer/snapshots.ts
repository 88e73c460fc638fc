/**
 * Weight snapshots: per layer, histograms and a heat map of the kernel and
 * bias, the gradient norms of the step that triggered the snapshot, pictures
 * of first-layer kernels on image input, and the share of dead ReLU units on
 * a fixed probe batch.
 */
import type * as TF from '@tensorflow/tfjs';
import type { CompileSpec } from '../../shared/compile/spec.ts';
import type { DatasetInfo } from '../../shared/protocol/datasets.ts';
import { MAX_BIAS_VALUES, type LayerSnapshot, type WeightStats } from '../../shared/protocol/trainer.ts';
import type { Tf } from './backends/types.ts';
import { convImages, denseImages, histogram, matrixPreview, meanStd, round4 } from './weight-stats.ts';

type LayerVariable = TF.LayersModel['trainableWeights'][number];

interface WatchedWeight {
  readonly variable: LayerVariable;
  /** Position among the trainable variables (gradient norms come in that order), or -1. */
  readonly gradIndex: number;
}

interface Watched {
  readonly name: string;
  readonly className: string;
  readonly kernel?: WatchedWeight;
  readonly bias?: WatchedWeight;
  readonly image?: { readonly kind: 'dense'; readonly shape: readonly [number, number, number] } | { readonly kind: 'conv' };
}

/** Layers that pass pixels through unchanged in meaning, so the next weights still look at the image. */
const PASS_THROUGH = new Set(['Flatten', 'Reshape', 'Dropout', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'SpatialDropout1D', 'SpatialDropout2D']);

function isRelu(config: Readonly<Record<string, unknown>>, className: string): boolean {
  if (className === 'ReLU') return true;
  return config.activation === 'relu';
}

function imageShape(info: DatasetInfo): [number, number, number] | null {
  const s = info.inputShape;
  if (!info.isImage) return null;
  if (s.length === 2) return [s[0], s[1], 1];
  if (s.length === 3) return [s[0], s[1], s[2]];
  return null;
}

/** True when `name` reads the model input through pass-through layers only. */
function readsInput(spec: CompileSpec, name: string): boolean {
  const byName = new Map(spec.layers.map((l) => [l.name, l]));
  let layer = byName.get(name);
  while (layer && layer.inputs.length === 1) {
    const src = byName.get(layer.inputs[0]);
    if (!src) return false;
    if (src.factory === 'input') return true;
    if (!PASS_THROUGH.has(src.className)) return false;
    layer = src;
  }
  return false;
}

export class Snapshotter {
  private readonly watched: Watched[] = [];
  private readonly reluLayers: string[];
  private probeModel: TF.LayersModel | null = null;
  private readonly nodeOf: ReadonlyMap<string, string>;

  constructor(
    private readonly tf: Tf,
    model: TF.LayersModel,
    spec: CompileSpec,
    info: DatasetInfo,
    private readonly probeX: TF.Tensor,
  ) {
    const trainable = model.trainableWeights.map((w) => w.name);
    const watch = (v: LayerVariable | undefined): WatchedWeight | undefined => (v ? { variable: v, gradIndex: trainable.indexOf(v.name) } : undefined);
    const image = imageShape(info);
    let first = true;
    for (const layer of model.layers) {
      const weights = layer.trainableWeights;
      if (!weights.length) continue;
      const kernel = weights.find((w) => w.shape.length >= 2);
      const bias = weights.find((w) => w.shape.length === 1 && /bias/.test(w.originalName)) ?? weights.find((w) => w.shape.length === 1);
      const className = layer.getClassName();
      let pictured: Watched['image'];
      if (first && kernel && image && readsInput(spec, layer.name)) {
        if (className === 'Dense' && kernel.shape[0] === image[0] * image[1] * image[2]) pictured = { kind: 'dense', shape: image };
        else if (className === 'Conv2D' && kernel.shape.length === 4) pictured = { kind: 'conv' };
      }
      first = false;
      this.watched.push({ name: layer.name, className, kernel: watch(kernel), bias: watch(bias), image: pictured });
    }
    this.nodeOf = new Map(spec.layers.map((l) => [l.name, l.nodeId]));
    this.reluLayers = spec.layers.filter((l) => isRelu(l.config, l.className)).map((l) => l.name);
    if (this.reluLayers.length) {
      this.probeModel = tf.model({ inputs: model.inputs, outputs: this.reluLayers.map((n) => model.getLayer(n).output as TF.SymbolicTensor) });
    }
  }

  /** Reads the weights (one transfer each) and builds the snapshot. */
  async take(gradNorms: TF.Tensor1D | undefined): Promise<LayerSnapshot[]> {
    const tf = this.tf;
    const vars = this.watched.flatMap((w) => [w.kernel, w.bias]).filter((w): w is WatchedWeight => !!w);
    const dead = this.deadUnits();
    const [values, norms, deadShares] = await Promise.all([
      Promise.all(vars.map((w) => w.variable.read().data() as Promise<Float32Array>)),
      gradNorms ? (gradNorms.data() as Promise<Float32Array>) : Promise.resolve(null),
      dead ? (dead.data() as Promise<Float32Array>) : Promise.resolve(null),
    ]);
    tf.dispose(dead ?? []);
    const valueOf = new Map(vars.map((w, i) => [w, values[i]]));
    const stats = (w: WatchedWeight): WeightStats => {
      const v = valueOf.get(w)!;
      const gradNorm = norms && w.gradIndex >= 0 ? round4(norms[w.gradIndex]) : undefined;
      return { shape: w.variable.shape as number[], histogram: histogram(v), ...meanStd(v), ...(gradNorm !== undefined ? { gradNorm } : {}) };
    };
    const deadByLayer = new Map(this.reluLayers.map((n, i) => [n, deadShares ? round4(deadShares[i]) : undefined]));
    return this.watched.map((w) => {
      const out: { -readonly [K in keyof LayerSnapshot]: LayerSnapshot[K] } = { nodeId: this.nodeOf.get(w.name) ?? w.name, name: w.name, className: w.className };
      if (w.kernel) {
        const shape = w.kernel.variable.shape as number[];
        const cols = shape[shape.length - 1];
        const v = valueOf.get(w.kernel)!;
        out.kernel = { ...stats(w.kernel), matrix: matrixPreview(v, v.length / cols, cols) };
        if (w.image?.kind === 'dense') out.images = denseImages(v, w.image.shape, cols);
        else if (w.image?.kind === 'conv') out.images = convImages(v, shape);
      }
      if (w.bias) {
        const v = valueOf.get(w.bias)!;
        out.bias = { ...stats(w.bias), ...(v.length <= MAX_BIAS_VALUES ? { values: Array.from(v, round4) } : {}) };
      }
      const d = deadByLayer.get(w.name);
      if (d !== undefined) out.deadFraction = d;
      return out;
    }).concat(this.reluOnly(deadByLayer));
  }

  /** ReLU layers without weights of their own (ReLU, Activation) still report dead units. */
  private reluOnly(dead: Map<string, number | undefined>): LayerSnapshot[] {
    const weighted = new Set(this.watched.map((w) => w.name));
    return this.reluLayers.filter((n) => !weighted.has(n) && dead.get(n) !== undefined).map((n) => ({ nodeId: this.nodeOf.get(n) ?? n, name: n, className: 'ReLU', deadFraction: dead.get(n)! }));
  }

  /** Per ReLU layer: the share of units that are 0 for every probe sample, as one small tensor. */
  private deadUnits(): TF.Tensor1D | null {
    const probe = this.probeModel;
    if (!probe) return null;
    const tf = this.tf;
    return tf.tidy(() => {
      // One pass over the whole probe batch: predict() would cut it into batches of 32.
      const outs = probe.apply(this.probeX, { training: false }) as TF.Tensor | TF.Tensor[];
      const list = Array.isArray(outs) ? outs : [outs];
      return tf.stack(
        list.map((o) => {
          const units = o.shape[o.shape.length - 1] ?? 1;
          const perUnitMax = tf.max(tf.reshape(o, [-1, units]), 0);
          return tf.mean(tf.cast(tf.lessEqual(perUnitMax, 0), 'float32'));
        }),
      ) as TF.Tensor1D;
    });
  }
}
