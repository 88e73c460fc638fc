/**
 * CompileSpec → tf.LayersModel with the functional API, so any DAG builds
 * (residual adds, concatenations, several inputs). tfjs is passed in rather
 * than imported, which keeps src/shared free of a runtime tfjs dependency and
 * lets the trainer pass whichever backend-initialised tfjs it loaded.
 */
import type * as TF from '@tensorflow/tfjs';
import type { CompileSpec } from './spec.ts';

type Tf = typeof TF;

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
    const instance = fromConfig(cls, layer.config as TF.serialization.ConfigDict) as unknown as TF.layers.Layer;
    const ins = layer.inputs.map((n) => tensors.get(n)!);
    const out = instance.apply(ins.length === 1 ? ins[0] : ins) as TF.SymbolicTensor;
    tensors.set(layer.name, out);
  }
  return tf.model({
    name: spec.modelName.replace(/[^\w]/g, '_') || 'model',
    inputs: spec.inputs.map((n) => tensors.get(n)!),
    outputs: spec.outputs.map((n) => tensors.get(n)!),
  });
}
