/**
 * The registry: every layer kind by name. Palette, inspector, analysis,
 * compile and codegen all read from here.
 */
import * as core from './core.ts';
import type { Family, LayerDef } from './types.ts';

const ALL: readonly LayerDef[] = [...Object.values(core)];

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
