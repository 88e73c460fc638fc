/**
 * Derived input columns, as TensorFlow Playground offers them: with x1² and
 * x2² even a network without hidden layers can draw a circle.
 */
import type { DERIVED_FEATURES } from '../document/schema.ts';

export type DerivedFeature = (typeof DERIVED_FEATURES)[number];

interface FeatureSpec {
  /** Column name; `base` is x1/x2 for 2-D sets and x for the 1-D line. */
  name(x1: string, x2: string): string;
  /** Needs the second input column. */
  readonly usesX2: boolean;
  compute(x1: number, x2: number): number;
}

export const FEATURES: { readonly [K in DerivedFeature]: FeatureSpec } = {
  x1sq: { name: (a) => `${a}²`, usesX2: false, compute: (a) => a * a },
  x2sq: { name: (_a, b) => `${b}²`, usesX2: true, compute: (_a, b) => b * b },
  x1x2: { name: (a, b) => `${a}·${b}`, usesX2: true, compute: (a, b) => a * b },
  sinx1: { name: (a) => `sin(${a})`, usesX2: false, compute: (a) => Math.sin(a) },
  sinx2: { name: (_a, b) => `sin(${b})`, usesX2: true, compute: (_a, b) => Math.sin(b) },
};

/**
 * Column names of a generated set: the base inputs, then each derived feature
 * in the order listed. Throws a message for the user when a feature does not
 * apply (x2 on the one-input line) or is listed twice.
 */
export function featureNames(setTitle: string, inputs: 1 | 2, features: readonly DerivedFeature[]): string[] {
  const [x1, x2] = inputs === 1 ? ['x', 'x2'] : ['x1', 'x2'];
  const names = inputs === 1 ? [x1] : [x1, x2];
  const seen = new Set<DerivedFeature>();
  for (const f of features) {
    const spec = FEATURES[f];
    if (spec.usesX2 && inputs === 1) {
      throw new Error(`The ${setTitle} set has one input (x), so the derived feature ${spec.name(x1, x2)} does not exist: remove "${f}" from features`);
    }
    if (seen.has(f)) throw new Error(`The derived feature ${spec.name(x1, x2)} is listed twice in features: remove one "${f}"`);
    seen.add(f);
    names.push(spec.name(x1, x2));
  }
  return names;
}
