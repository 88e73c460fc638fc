/**
 * Turns the curves of a run (and optionally a second run to compare) into
 * plot lines: faint raw batch values, their smoothed curve, epoch means as
 * dots and validation as a line with dots. Both runs share one x axis, in
 * epochs or in steps, so runs with different batch sizes line up by epoch.
 */
import type { PlotLine } from './plot.ts';
import type { SeriesView } from './series.ts';
import { emaSmooth } from './smooth.ts';
import type { CurveData } from './curves.ts';

export type XUnit = 'epoch' | 'step';

export interface RunStyle {
  readonly train: string;
  readonly val: string;
  readonly dash?: readonly number[];
  /** Put before each label when two runs are shown. */
  readonly prefix?: string;
}

export interface CurveLines {
  readonly loss: PlotLine[];
  readonly metric: PlotLine[];
}

/** x of a batch point (given as a step) in the chosen unit; NaN when epochs are asked for but their length is unknown. */
function batchX(step: number, unit: XUnit, bpe: number): number {
  return unit === 'step' ? step : bpe > 0 ? step / bpe : NaN;
}

function epochX(epoch: number, unit: XUnit, bpe: number): number {
  return unit === 'epoch' ? epoch : bpe > 0 ? epoch * bpe : NaN;
}

function mapX(s: SeriesView, f: (x: number) => number): Float64Array {
  const out = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = f(s.x[i]);
  return out;
}

function linesFor(batch: SeriesView, epoch: SeriesView, val: SeriesView, run: CurveData, id: string, style: RunStyle, smoothing: number, unit: XUnit): PlotLine[] {
  const bpe = run.batchesPerEpoch;
  const p = style.prefix ? `${style.prefix} · ` : '';
  const dash = style.dash;
  const lines: PlotLine[] = [];
  if (batch.length) {
    const x = mapX(batch, (s) => batchX(s, unit, bpe));
    lines.push({ id: `${id}-raw`, label: `${p}training (batch)`, color: style.train, x, y: batch.y, band: { lo: batch.lo, hi: batch.hi }, alpha: 0.28, width: 1, hover: false, ...(dash ? { dash } : {}) });
    lines.push({ id: `${id}-smooth`, label: `${p}training`, color: style.train, x, y: emaSmooth(batch.y, smoothing, batch.length), width: 2, ...(dash ? { dash } : {}) });
  }
  if (epoch.length) {
    const x = mapX(epoch, (e) => epochX(e, unit, bpe));
    // With batch curves on screen the epoch means are only dots, or two lines would say the same thing.
    lines.push({ id: `${id}-epoch`, label: `${p}training (epoch mean)`, color: style.train, x, y: epoch.y, dots: true, line: !batch.length, ...(dash ? { dash } : {}) });
  }
  if (val.length) {
    const x = mapX(val, (e) => epochX(e, unit, bpe));
    lines.push({ id: `${id}-val`, label: `${p}validation`, color: style.val, x, y: val.y, dots: true, width: 2, ...(dash ? { dash } : {}) });
  }
  return lines;
}

export function curveLines(run: CurveData, style: RunStyle, smoothing: number, unit: XUnit, id = 'run'): CurveLines {
  return {
    loss: linesFor(run.batchLoss, run.epochLoss, run.valLoss, run, `${id}-loss`, style, smoothing, unit),
    metric: linesFor(run.batchMetric, run.epochMetric, run.valMetric, run, `${id}-metric`, style, smoothing, unit),
  };
}

/** The last smoothed training value, for a headline number and for tests that watch a loss fall. */
export function lastSmoothed(series: SeriesView, smoothing: number): number | null {
  if (!series.length) return null;
  const s = emaSmooth(series.y, smoothing, series.length);
  return s[series.length - 1];
}

/** "Accuracy", "Mean absolute error", or the metric's own name. */
export function metricTitle(metric: string): string {
  switch (metric) {
    case 'accuracy':
    case 'acc':
      return 'Accuracy';
    case 'mae':
      return 'Mean absolute error';
    case 'mse':
      return 'Mean squared error';
    default:
      return metric;
  }
}

export function isShare(metric: string | null): boolean {
  return metric === 'accuracy' || metric === 'acc';
}
