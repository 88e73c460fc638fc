/**
 * CompileSpec → tf.LayersModel with the functional API, so any DAG builds
 * (residual adds, concatenations, several inputs). tfjs is passed in rather
 * than imported, which keeps src/shared free of a runtime tfjs dependency and
 * lets the trainer pass whichever backend-initialised tfjs it loaded.
 */
import type * as TF from '@tensorflow/tfjs';
import type { CompileSpec } from './spec.ts';

type Tf = typeof TF;

/**
 * Explicit starting weights (a Dense layer's `startWeights`) travel in the
 * config as plain arrays; tfjs' `weights` argument wants tensors, which it
 * sets once the layer is built, after the initializers have run. The
 * variables then hold their own reference, so ours can go.
 */
function withTensors(tf: Tf, config: Readonly<Record<string, unknown>>): { config: Readonly<Record<string, unknown>>; made: TF.Tensor[] } {
  const weights = config.weights;
  if (!Array.isArray(weights)) return { config, made: [] };
  const made = weights.map((w: number[] | number[][]) => tf.tensor(w));
  return { config: { ...config, weights: made }, made };
}

export function buildModel(tf: Tf, spec: CompileSpec): TF.LayersModel {
  const tensors = new Map<string, TF.SymbolicTensor>();
  const registry = tf.serialization.SerializationMap.getMap().classNameMap;
  for (const layer of spec.layers) {
    if (layer.factory === 'input') {
      const { shape, dtype, name } = layer.config as { shape: number[]; dtype: TF.DataType; name: string };
      tensors.set(layer.name, tf.input({ shape, dtype, name }));
      continue;
    }
    const entry = registry[layer.className];
    if (!entry) throw new Error(`tfjs has no layer class ${layer.className} (layer ${layer.name})`);
    const [cls, fromConfig] = entry;
    const { config, made } = withTensors(tf, layer.config);
    const instance = fromConfig(cls, config as TF.serialization.ConfigDict) as unknown as TF.layers.Layer;
    const ins = layer.inputs.map((n) => tensors.get(n)!);
    const out = instance.apply(ins.length === 1 ? ins[0] : ins) as TF.SymbolicTensor;
    tf.dispose(made);
    tensors.set(layer.name, out);
  }
  return tf.model({
    name: spec.modelName.replace(/[^\w]/g, '_') || 'model',
    inputs: spec.inputs.map((n) => tensors.get(n)!),
    outputs: spec.outputs.map((n) => tensors.get(n)!),
  });
}
