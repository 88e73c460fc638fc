/**
 * Geometry of the histogram ridge plot: a shared value axis for all frames,
 * and each histogram as a closed outline scaled to its own peak. Each
 * snapshot's histogram has its own min and max (bins are equal-width between
 * them), so frames are compared by position, not by bin index.
 */
import type { Histogram } from '../../../../shared/protocol/trainer.ts';
import type { HistogramFrame } from '../../../../shared/run/index.ts';

export interface RidgeCurve {
  readonly frame: HistogramFrame;
  /** Outline points in value units, starting and ending at height 0. */
  readonly xs: readonly number[];
  /** 0…1: the share of the frame's tallest bin. */
  readonly ys: readonly number[];
}

/** Up to `max` frames, evenly spread over the history and always ending with the newest. */
export function pickFrames<T>(frames: readonly T[], max: number): T[] {
  const n = frames.length;
  if (n <= max) return [...frames];
  if (max <= 1) return n ? [frames[n - 1]] : [];
  const out: T[] = [];
  for (let k = 0; k < max; k++) out.push(frames[Math.round((k * (n - 1)) / (max - 1))]);
  return out;
}

/** The value range all frames fit in; never empty, so a histogram of all-zero biases still gets an axis. */
export function ridgeDomain(histograms: readonly Histogram[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const h of histograms) {
    if (!Number.isFinite(h.min) || !Number.isFinite(h.max)) continue;
    lo = Math.min(lo, h.min);
    hi = Math.max(hi, h.max);
  }
  if (!(lo <= hi)) return [-1, 1];
  if (hi - lo < 1e-9) {
    const pad = Math.abs(lo) * 0.5 || 0.01;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

/**
 * The outline of one histogram: a point at the centre of each bin, closed to
 * zero at the histogram's ends. A histogram whose min equals its max (every
 * weight the same, like fresh zero biases) becomes a narrow spike `spike` wide.
 */
export function ridgeOutline(h: Histogram, spike: number): { xs: number[]; ys: number[] } {
  const peak = Math.max(0, ...h.counts);
  const bins = h.counts.length;
  if (!bins || peak === 0) return { xs: [h.min, h.max], ys: [0, 0] };
  if (h.max - h.min < 1e-12) return { xs: [h.min - spike / 2, h.min, h.min + spike / 2], ys: [0, 1, 0] };
  const width = (h.max - h.min) / bins;
  const xs = [h.min];
  const ys = [0];
  for (let i = 0; i < bins; i++) {
    xs.push(h.min + (i + 0.5) * width);
    ys.push(h.counts[i] / peak);
  }
  xs.push(h.max);
  ys.push(0);
  return { xs, ys };
}

export function ridgeCurves(frames: readonly HistogramFrame[], max: number): { curves: RidgeCurve[]; domain: [number, number] } {
  const picked = pickFrames(frames, max);
  const domain = ridgeDomain(picked.map((f) => f.histogram));
  const spike = (domain[1] - domain[0]) / 60;
  return { curves: picked.map((frame) => ({ frame, ...ridgeOutline(frame.histogram, spike) })), domain };
}

/** The bin of `h` that holds `value`: its range and count, or null outside the histogram. */
export function binAt(h: Histogram, value: number): { lo: number; hi: number; count: number } | null {
  const bins = h.counts.length;
  if (!bins || value < h.min || value > h.max) return null;
  if (h.max - h.min < 1e-12) return { lo: h.min, hi: h.max, count: h.counts.reduce((a, b) => a + b, 0) };
  const width = (h.max - h.min) / bins;
  const i = Math.min(bins - 1, Math.floor((value - h.min) / width));
  return { lo: h.min + i * width, hi: h.min + (i + 1) * width, count: h.counts[i] };
}
