/**
 * Which rows a run holds out for validation and in what order each epoch
 * visits the rest. The app's trainer and exported programs both use this
 * module (exports carry its source), so a seed means the same thing to both.
 *
 * One generator, seeded with the run's seed, serves the whole run, in this
 * order: the initial weights, then the hold-out, then at the start of each
 * epoch that epoch's row order (and, during its steps, the dropout masks).
 * A program that draws the same numbers in the same order, on the same
 * backend, repeats the run.
 */
import { type Random, shuffledIndices } from '../datasets/random.ts';

export interface HoldOut {
  /** The training rows in drawn order: the first `training` of them train, the rest validate. Null when nothing is held out. */
  readonly order: Uint32Array | null;
  readonly training: number;
  readonly validation: number;
}

/** Holds out floor(count × fraction) rows, chosen by a seeded shuffle; none (and no draw) when either side would be empty. */
export function holdOut(count: number, fraction: number, random: Pick<Random, 'next'>): HoldOut {
  const validation = fraction > 0 ? Math.floor(count * fraction) : 0;
  if (validation <= 0 || validation >= count) return { order: null, training: count, validation: 0 };
  return { order: shuffledIndices(count, random), training: count - validation, validation };
}

/** The order one epoch visits `count` rows in; drawn when the epoch starts. */
export function epochOrder(count: number, random: Pick<Random, 'next'>): Uint32Array {
  return shuffledIndices(count, random);
}

/**
 * Positions [from, to) of `order` as rows of `width` values, copied out of
 * `values`; without an order, rows from..to themselves (a view, no copy).
 */
export function takeRows(values: Float32Array, width: number, order: ArrayLike<number> | null, from: number, to: number): Float32Array {
  if (!order) return values.subarray(from * width, to * width);
  const out = new Float32Array((to - from) * width);
  for (let i = from; i < to; i++) out.set(values.subarray(order[i] * width, order[i] * width + width), (i - from) * width);
  return out;
}
