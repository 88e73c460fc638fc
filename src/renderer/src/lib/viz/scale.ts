/**
 * Axes for the charts: mapping data to pixels, tick positions a person reads
 * easily (1, 2, 5 × 10ⁿ), and labels that show no more digits than the tick
 * spacing needs.
 */

/** A map from a data interval to a pixel interval, linear or base-10 logarithmic. */
export interface Scale {
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  readonly log: boolean;
  (value: number): number;
  invert(pixel: number): number;
}

/**
 * Smallest positive value a log axis shows: losses can reach exactly 0 (a
 * perfectly fitted XOR under MSE), which has no logarithm.
 */
export const LOG_FLOOR = 1e-12;

export function makeScale(domain: readonly [number, number], range: readonly [number, number], log = false): Scale {
  const f = log ? (v: number) => Math.log10(Math.max(v, LOG_FLOOR)) : (v: number) => v;
  const fInv = log ? (v: number) => 10 ** v : (v: number) => v;
  const d0 = f(domain[0]);
  const d1 = f(domain[1]);
  const span = d1 - d0 || 1;
  const k = (range[1] - range[0]) / span;
  const scale = ((v: number) => range[0] + (f(v) - d0) * k) as Scale;
  Object.assign(scale, {
    domain,
    range,
    log,
    invert: (p: number) => fInv(d0 + (p - range[0]) / k),
  });
  return scale;
}

/** 1, 2 or 5 times a power of ten, the first at or above `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * power;
}

/** Decimal places that a step of this size needs (0.25 → 2, 5 → 0). */
function decimalsFor(step: number): number {
  if (!(step > 0)) return 0;
  return Math.max(0, Math.min(12, -Math.floor(Math.log10(step) + 1e-9)));
}

/** Rounds away binary noise so that 0.1 + 0.2 prints as 0.3 at this step. */
function snap(v: number, step: number): number {
  const d = decimalsFor(step);
  return Number(v.toFixed(Math.min(d + 2, 15)));
}

/**
 * About `count` evenly spaced ticks inside [lo, hi] on a linear axis.
 * @example niceTicks(0, 1, 5) // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) return [lo];
  const step = niceStep((hi - lo) / Math.max(1, count));
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(snap(i * step, step));
  return ticks;
}

/** Widens [lo, hi] to the nearest ticks, so that the curve never touches the frame between two labels. */
export function niceDomain(lo: number, hi: number, count = 5): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.1 || 1;
    return [lo - pad, hi + pad];
  }
  const step = niceStep((hi - lo) / Math.max(1, count));
  return [snap(Math.floor(lo / step + 1e-9) * step, step), snap(Math.ceil(hi / step - 1e-9) * step, step)];
}

/** Whole decades around [lo, hi] for a log axis. */
export function logDomain(lo: number, hi: number): [number, number] {
  const a = Math.max(lo, LOG_FLOOR);
  const b = Math.max(hi, a);
  let e0 = Math.floor(Math.log10(a) + 1e-9);
  let e1 = Math.ceil(Math.log10(b) - 1e-9);
  if (e1 <= e0) e1 = e0 + 1;
  if (e1 - e0 > 24) e0 = e1 - 24;
  return [10 ** e0, 10 ** e1];
}

/**
 * Ticks for a log axis: every decade, thinned when there are many; with at
 * most two decades, also 2× and 5× so that the axis is not bare.
 */
export function logTicks(lo: number, hi: number): number[] {
  const a = Math.max(lo, LOG_FLOOR);
  const b = Math.max(hi, a);
  const e0 = Math.floor(Math.log10(a) + 1e-9);
  const e1 = Math.ceil(Math.log10(b) - 1e-9);
  const decades = e1 - e0;
  const ticks: number[] = [];
  const every = Math.max(1, Math.ceil(decades / 6));
  for (let e = e0; e <= e1; e++) {
    if ((e - e0) % every !== 0) continue;
    const mults = decades <= 2 ? [1, 2, 5] : [1];
    for (const m of mults) {
      const v = Number((m * 10 ** e).toPrecision(3));
      if (v >= a * (1 - 1e-9) && v <= b * (1 + 1e-9)) ticks.push(v);
    }
  }
  return ticks;
}

/** A tick label with the digits the tick spacing needs: 0.25, 1.5, 1,200, 3e-5. */
export function formatTick(v: number, step: number): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e6 || abs < 1e-4) return v.toExponential(Math.max(0, Math.min(3, decimalsFor(step / 10 ** Math.floor(Math.log10(abs))))));
  const d = decimalsFor(step);
  return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** A log-axis label: 0.01, 0.5, 100, 1e-6. */
export function formatLogTick(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e5 || (abs > 0 && abs < 1e-3)) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}

/** A value in a read-out: four significant digits, exponent form for very large or small ones. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e6 || abs < 1e-3) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/**
 * The range holding the middle of the data: the first batches of a run can
 * have a loss ten times the rest, and a chart scaled to them shows the rest
 * as a flat line. `trim` is the share cut off at each end.
 */
export function robustExtent(values: Iterable<number>, trim = 0.01): [number, number] | null {
  const finite: number[] = [];
  for (const v of values) if (Number.isFinite(v)) finite.push(v);
  if (!finite.length) return null;
  finite.sort((a, b) => a - b);
  const cut = Math.floor(finite.length * trim);
  return [finite[cut], finite[finite.length - 1 - cut]];
}

/** Plain min and max of the finite values, or null when there are none. */
export function extent(values: Iterable<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}
