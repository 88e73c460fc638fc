/**
 * Test support: what our catalog says about a layer next to what tfjs-layers
 * itself builds from our config. tfjs is passed in (as in build-model.ts) so
 * that src/shared keeps no runtime dependency on it.
 */
import type * as TF from '@tensorflow/tfjs';
import { getLayerDef } from './index.ts';
import { resolveParams } from './params.ts';
import type { Params, Shape } from './types.ts';
import type { ParamValue } from '../document/schema.ts';

export interface LayerFacts {
  readonly shape: Shape;
  readonly trainable: number;
  readonly nonTrainable: number;
}

type Stored = Readonly<Record<string, ParamValue>>;

function resolved(kind: string, stored: Stored): { def: NonNullable<ReturnType<typeof getLayerDef>>; params: Params } {
  const def = getLayerDef(kind);
  if (!def) throw new Error(`no catalog entry ${kind}`);
  const { params, problems } = resolveParams(def, stored);
  if (problems.length) throw new Error(`${kind}: ${problems.map((x) => `${x.param} ${x.message}`).join('; ')}`);
  return { def, params };
}

/** Our inferred shape and counts; throws with the message when inference fails. */
export function ourFacts(kind: string, stored: Stored, inputs: readonly Shape[]): LayerFacts {
  const { def, params } = resolved(kind, stored);
  const result = def.inferShape(inputs, params);
  if (!result.ok) throw new Error(result.message);
  const count = def.paramCount(inputs, params);
  return { shape: result.shape, trainable: count.trainable, nonTrainable: count.nonTrainable };
}

/** Our inference's error, or undefined when the shape is accepted. */
export function ourError(kind: string, stored: Stored, inputs: readonly Shape[]) {
  const { def, params } = resolved(kind, stored);
  const result = def.inferShape(inputs, params);
  return result.ok ? undefined : result;
}

const size = (w: { shape: readonly (number | null)[] }) => w.shape.reduce<number>((a, d) => a * (d ?? 0), 1);

/** Builds the layer in tfjs from our toConfig, applies it to symbolic inputs and reads back shape and weights. */
export function tfjsFacts(tf: typeof TF, kind: string, stored: Stored, inputs: readonly Shape[]): LayerFacts {
  const { def, params } = resolved(kind, stored);
  const { className, config } = def.toConfig(params, inputs);
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (!entry) throw new Error(`tfjs has no class ${className}`);
  const [cls, fromConfig] = entry;
  const layer = fromConfig(cls, { ...config, name: `${kind.toLowerCase()}_probe` } as TF.serialization.ConfigDict) as unknown as TF.layers.Layer;
  const xs = inputs.map((s) => tf.input({ shape: s.slice(1) as number[] }));
  const out = layer.apply(xs.length === 1 ? xs[0] : xs) as TF.SymbolicTensor;
  const facts = {
    shape: out.shape,
    trainable: layer.trainableWeights.reduce((a, w) => a + size(w), 0),
    nonTrainable: layer.nonTrainableWeights.reduce((a, w) => a + size(w), 0),
  };
  if (layer.countParams() !== facts.trainable + facts.nonTrainable) throw new Error(`${kind}: countParams disagrees with the weight sizes`);
  // Some settings build fine symbolically and only fail when run, so run a batch of two.
  const batch = inputs.map((s) => tf.ones([2, ...s.slice(1).map((d) => d ?? 5)]));
  const y = layer.apply(batch.length === 1 ? batch[0] : batch) as TF.Tensor;
  const ran = y.shape;
  tf.dispose([y, ...batch]);
  const expected = out.shape.map((d, i) => (i === 0 ? 2 : d ?? ran[i]));
  if (JSON.stringify(ran) !== JSON.stringify(expected)) throw new Error(`${kind}: ran to ${JSON.stringify(ran)}, built as ${JSON.stringify(out.shape)}`);
  layer.dispose();
  return facts;
}
