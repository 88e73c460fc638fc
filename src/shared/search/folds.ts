/**
 * k-fold cross-validation splits. The rows are shuffled once with the run's
 * generator (the same single draw a hold-out makes, so the rest of the run's
 * random numbers line up), cut into k parts whose sizes differ by at most
 * one, and fold i validates on part i and trains on the others. Parts are
 * disjoint and together cover every row.
 */
import { shuffledIndices, type Random } from '../datasets/random.ts';

export interface FoldSplit {
  /** Training rows first, then validation rows, as a hold-out's order is laid out. */
  readonly order: Uint32Array;
  readonly training: number;
  readonly validation: number;
}

/** Where part i of `count` rows cut into k begins (and part i - 1 ends). */
export function foldStart(count: number, folds: number, i: number): number {
  return Math.floor((i * count) / folds);
}

/** Fold `index` (0-based) of `folds` over `count` rows. */
export function foldSplit(count: number, folds: number, index: number, random: Pick<Random, 'next'>): FoldSplit {
  const shuffled = shuffledIndices(count, random);
  const from = foldStart(count, folds, index);
  const to = foldStart(count, folds, index + 1);
  const order = new Uint32Array(count);
  order.set(shuffled.subarray(0, from), 0);
  order.set(shuffled.subarray(to), from);
  order.set(shuffled.subarray(from, to), count - (to - from));
  return { order, training: count - (to - from), validation: to - from };
}

/** Mean and sample standard deviation (0 for one value); NaN values are left out and counted. */
export function meanAndSpread(values: readonly number[]): { mean: number; std: number; count: number; failed: number } {
  const finite = values.filter((x) => Number.isFinite(x));
  const count = finite.length;
  if (count === 0) return { mean: Number.NaN, std: Number.NaN, count: 0, failed: values.length };
  const mean = finite.reduce((a, b) => a + b, 0) / count;
  const variance = count > 1 ? finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (count - 1) : 0;
  return { mean, std: Math.sqrt(variance), count, failed: values.length - count };
}
