/**
 * A chart series that never grows past a fixed number of points. A 60,000-image
 * run streams thousands of batch points per epoch for minutes; the chart only
 * has a few hundred pixels to show them in. When the buffer is full, every pair
 * of neighbouring points is merged into one (mean position and value, and the
 * min/max envelope of both), and from then on each new point stands for twice
 * as many incoming ones. The series therefore always covers the whole run at
 * an even resolution, and its memory is fixed when the buffer is made.
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

export class SeriesBuffer {
  /** Most points kept (even, at least 4). */
  readonly capacity: number;
  readonly #x: Float64Array;
  readonly #y: Float64Array;
  readonly #lo: Float64Array;
  readonly #hi: Float64Array;
  #count = 0;
  /** Incoming points per stored point: doubles at every merge. */
  #bucket = 1;
  // The bucket being filled: sums, envelope and how many points it holds.
  #px = 0;
  #py = 0;
  #plo = Infinity;
  #phi = -Infinity;
  #pn = 0;
  #received = 0;
  #skipped = 0;

  constructor(capacity = 2000) {
    this.capacity = Math.max(4, Math.floor(capacity / 2) * 2);
    this.#x = new Float64Array(this.capacity);
    this.#y = new Float64Array(this.capacity);
    this.#lo = new Float64Array(this.capacity);
    this.#hi = new Float64Array(this.capacity);
  }

  /** Points as drawn: the stored ones plus the bucket being filled, so the newest value shows at once. */
  get length(): number {
    return this.#count + (this.#pn > 0 ? 1 : 0);
  }

  /** Finite points received since the buffer was made. */
  get received(): number {
    return this.#received;
  }

  /** Points refused because x or y was NaN or infinite. */
  get skipped(): number {
    return this.#skipped;
  }

  /** How many incoming points each stored point now stands for. */
  get bucketSize(): number {
    return this.#bucket;
  }

  /** Adds a point; x must not go backwards. Non-finite points are counted and dropped. */
  push(x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      this.#skipped++;
      return;
    }
    this.#received++;
    this.#px += x;
    this.#py += y;
    if (y < this.#plo) this.#plo = y;
    if (y > this.#phi) this.#phi = y;
    this.#pn++;
    if (this.#pn >= this.#bucket) this.#flush();
  }

  /** The newest point (mean of the bucket being filled, if any), or null when empty. */
  last(): { x: number; y: number } | null {
    if (this.#pn > 0) return { x: this.#px / this.#pn, y: this.#py / this.#pn };
    if (this.#count > 0) return { x: this.#x[this.#count - 1], y: this.#y[this.#count - 1] };
    return null;
  }

  view(): SeriesView {
    const n = this.length;
    if (n === 0) return EMPTY_SERIES;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const lo = new Float64Array(n);
    const hi = new Float64Array(n);
    x.set(this.#x.subarray(0, this.#count));
    y.set(this.#y.subarray(0, this.#count));
    lo.set(this.#lo.subarray(0, this.#count));
    hi.set(this.#hi.subarray(0, this.#count));
    if (this.#pn > 0) {
      const i = this.#count;
      x[i] = this.#px / this.#pn;
      y[i] = this.#py / this.#pn;
      lo[i] = this.#plo;
      hi[i] = this.#phi;
    }
    return { length: n, x, y, lo, hi };
  }

  clear(): void {
    this.#count = 0;
    this.#bucket = 1;
    this.#resetPending();
    this.#received = 0;
    this.#skipped = 0;
  }

  #flush(): void {
    if (this.#count === this.capacity) {
      this.#halve();
      // The bucket being filled now has to reach the new, doubled size, so that every stored point stands for equally many inputs.
      if (this.#pn < this.#bucket) return;
    }
    const i = this.#count++;
    this.#x[i] = this.#px / this.#pn;
    this.#y[i] = this.#py / this.#pn;
    this.#lo[i] = this.#plo;
    this.#hi[i] = this.#phi;
    this.#resetPending();
  }

  /** Merges neighbours pairwise. All stored points stand for equally many inputs, so plain means are exact. */
  #halve(): void {
    const half = this.#count / 2;
    for (let i = 0; i < half; i++) {
      const a = 2 * i;
      const b = a + 1;
      this.#x[i] = (this.#x[a] + this.#x[b]) / 2;
      this.#y[i] = (this.#y[a] + this.#y[b]) / 2;
      this.#lo[i] = Math.min(this.#lo[a], this.#lo[b]);
      this.#hi[i] = Math.max(this.#hi[a], this.#hi[b]);
    }
    this.#count = half;
    this.#bucket *= 2;
  }

  #resetPending(): void {
    this.#px = 0;
    this.#py = 0;
    this.#plo = Infinity;
    this.#phi = -Infinity;
    this.#pn = 0;
  }
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
