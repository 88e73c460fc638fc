/**
 * A chart series as the charts take it: typed arrays of x, the value, and
 * the lowest and highest value each point stands for. The points come from
 * a run's bounded, thinned lists (src/shared/run/thin.ts) by curves.ts.
 */

/** A copy of a series for drawing: `length` points, x ascending. */
export interface SeriesView {
  readonly length: number;
  readonly x: Float64Array;
  /** Mean of the incoming values the point stands for. */
  readonly y: Float64Array;
  /** Smallest and largest incoming value the point stands for. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

export const EMPTY_SERIES: SeriesView = {
  length: 0,
  x: new Float64Array(0),
  y: new Float64Array(0),
  lo: new Float64Array(0),
  hi: new Float64Array(0),
};

/** A view of points, x ascending; points whose x or y is not finite are left out (a NaN batch does not break the line). */
export function seriesOf(points: readonly { readonly x: number; readonly y: number; readonly lo?: number; readonly hi?: number }[]): SeriesView {
  const kept = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (!kept.length) return EMPTY_SERIES;
  const pick = (v: number | undefined, y: number) => (v !== undefined && Number.isFinite(v) ? v : y);
  return {
    length: kept.length,
    x: Float64Array.from(kept, (p) => p.x),
    y: Float64Array.from(kept, (p) => p.y),
    lo: Float64Array.from(kept, (p) => pick(p.lo, p.y)),
    hi: Float64Array.from(kept, (p) => pick(p.hi, p.y)),
  };
}

/**
 * Index of the point whose x is nearest to `x` in an ascending array, or -1
 * when the array is empty. Binary search: hover read-outs run on every
 * pointer move.
 */
export function nearestIndex(xs: ArrayLike<number>, x: number, length = xs.length): number {
  if (length <= 0) return -1;
  let lo = 0;
  let hi = length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid;
    else hi = mid;
  }
  return Math.abs(xs[lo] - x) <= Math.abs(xs[hi] - x) ? lo : hi;
}
