/**
 * The registry: every layer kind by name. Palette, inspector, analysis,
 * compile and codegen all read from here.
 */
import * as activation from './activation.ts';
import * as convolution from './convolution.ts';
import * as core from './core.ts';
import * as embedding from './embedding.ts';
import * as merge from './merge.ts';
import * as normalization from './normalization.ts';
import * as pooling from './pooling.ts';
import * as recurrent from './recurrent.ts';
import * as regularization from './regularization.ts';
import type { Family, LayerDef } from './types.ts';

/** Every family module exports only LayerDefs, in palette order. */
const ALL: readonly LayerDef[] = [core, embedding, convolution, pooling, recurrent, normalization, regularization, merge, activation].flatMap((m) => Object.values(m));

export const CATALOG: ReadonlyMap<string, LayerDef> = new Map(ALL.map((d) => [d.kind, d]));

export function getLayerDef(kind: string): LayerDef | undefined {
  return CATALOG.get(kind);
}

export const FAMILY_ORDER: readonly Family[] = ['Input', 'Core', 'Convolution', 'Pooling', 'Recurrent', 'Normalization', 'Regularization', 'Merge', 'Activation'];

export function kindsByFamily(): ReadonlyMap<Family, readonly LayerDef[]> {
  const out = new Map<Family, LayerDef[]>(FAMILY_ORDER.map((f) => [f, []]));
  for (const d of ALL) out.get(d.family)!.push(d);
  return out;
}

export * from './types.ts';
export { resolveParams, defaultParams, checkParam } from './params.ts';
export { formatShape, featureSize, ACTIVATIONS, INITIALIZERS } from './common.ts';
