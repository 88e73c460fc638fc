/**
 * Runs a finished run's saved model in the host process: tfjs on its plain
 * cpu backend (present everywhere, no native library to load into the host),
 * the model read from model.json + weights.bin with node:fs and handed to
 * tfjs from memory. Loaded models are kept per run for the next call
 * (drawing a digit calls predict on every stroke), a few at a time.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import type { PredictResult } from '../../../shared/protocol/training-api.ts';

type Tf = typeof TF;
/** Models kept loaded; the least recently used goes first. */
const KEEP = 4;

let tfLoading: Promise<Tf> | null = null;

/** tfjs is loaded on the first prediction only: most host sessions never predict, and it takes a while to import. */
function loadTf(): Promise<Tf> {
  tfLoading ??= (async () => {
    const tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
    // No banner asking Node users to install tfjs-node: the host deliberately runs plain JavaScript kernels.
    tf.env().set('PROD', true);
    if (!(await tf.setBackend('cpu'))) throw new Error('the tfjs cpu backend did not start');
    return tf;
  })();
  return tfLoading;
}

interface Loaded {
  readonly tf: Tf;
  readonly model: TF.LayersModel;
  /** Values per sample and the shape they are reshaped to (batch dimension left out). */
  readonly size: number;
  readonly shape: readonly number[];
}

interface ModelJson {
  readonly modelTopology?: unknown;
  readonly weightsManifest?: readonly { readonly weights?: unknown }[];
}

export class PredictError extends Error {}

async function loadModel(dir: string): Promise<Loaded> {
  let json: ModelJson;
  let weights: Buffer;
  try {
    [json, weights] = await Promise.all([readFile(join(dir, 'model.json'), 'utf8').then((t) => JSON.parse(t) as ModelJson), readFile(join(dir, 'weights.bin'))]);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PredictError('This run has no saved weights: it ended before the trainer could save the model.');
    throw new PredictError(`The saved model could not be read: ${(err as Error).message}`);
  }
  const tf = await loadTf();
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology as TF.io.ModelArtifacts['modelTopology'],
      weightSpecs: (json.weightsManifest ?? []).flatMap((g) => (g.weights ?? []) as TF.io.WeightsManifestEntry[]),
      weightData,
    }),
  );
  if (model.inputs.length !== 1) {
    model.dispose();
    throw new PredictError(`The model has ${model.inputs.length} inputs; predict supports models with one input.`);
  }
  const shape = model.inputs[0].shape.slice(1).map((d) => d ?? 1);
  return { tf, model, shape, size: shape.reduce((a, b) => a * b, 1) };
}

export class ModelCache {
  private readonly models = new Map<string, Promise<Loaded>>();

  /** Runs the model saved in `dir` (run `id`'s model folder) on each row. */
  async predict(id: string, dir: string, inputs: readonly (readonly number[])[]): Promise<PredictResult> {
    let loaded: Loaded;
    try {
      loaded = await this.get(id, dir);
    } catch (err) {
      return { ok: false, message: err instanceof PredictError ? err.message : `The saved model could not be loaded: ${(err as Error).message}` };
    }
    const { tf, model, size, shape } = loaded;
    const bad = inputs.findIndex((row) => row.length !== size);
    if (bad >= 0) {
      return { ok: false, message: `Input row ${bad + 1} has ${inputs[bad].length} values; the model expects ${size} (shape [${shape.join(', ')}]).` };
    }
    const flat = new Float32Array(inputs.length * size);
    inputs.forEach((row, i) => flat.set(row, i * size));
    const out = tf.tidy(() => {
      const y = model.predict(tf.tensor(flat, [inputs.length, ...shape]));
      // Several outputs: the first is the prediction (the others are auxiliary heads).
      return Array.isArray(y) ? y[0] : (y as TF.Tensor);
    });
    try {
      const values = await out.data();
      const width = values.length / inputs.length;
      const outputs = inputs.map((_, i) => Array.from(values.subarray(i * width, (i + 1) * width)));
      return { ok: true, outputs };
    } finally {
      out.dispose();
    }
  }

  /** Forgets run `id`'s model (its run was deleted). */
  async evict(id: string): Promise<void> {
    const hit = this.models.get(id);
    this.models.delete(id);
    const loaded = await hit?.catch(() => null);
    loaded?.model.dispose();
  }

  async clear(): Promise<void> {
    await Promise.all([...this.models.keys()].map((id) => this.evict(id)));
  }

  private get(id: string, dir: string): Promise<Loaded> {
    let hit = this.models.get(id);
    if (hit) {
      // Move to the back: most recently used.
      this.models.delete(id);
    } else {
      hit = loadModel(dir);
      hit.catch(() => this.models.get(id) === hit && this.models.delete(id));
    }
    this.models.set(id, hit);
    while (this.models.size > KEEP) void this.evict(this.models.keys().next().value!);
    return hit;
  }
}
