/**
 * Turns the curves of a run (and optionally a second run to compare) into
 * plot lines: faint raw batch values, their smoothed curve, epoch means as
 * dots and validation as a line with dots. Both runs share one x axis, in
 * epochs or in steps, so runs with different batch sizes line up by epoch.
 */
import type { ParamChange } from '../../../../shared/run/index.ts';
import type { PlotLine, PlotMarker } from './plot.ts';
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

const SHORT_NAMES: Readonly<Record<ParamChange['what'], string>> = { learningRate: 'lr', l1: 'L1', l2: 'L2' };
const LONG_NAMES: Readonly<Record<ParamChange['what'], string>> = { learningRate: 'Learning rate', l1: 'L1 rate', l2: 'L2 rate' };

/** A rate as written in a label: 0.1, 0.003, 1e-5. */
export function formatRateValue(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) < 1e-3 ? v.toExponential(0) : String(Number(v.toPrecision(3)));
}

/** "lr 0.03 → 0.1": what a change marker says on the curve. */
export function changeLabel(c: ParamChange): string {
  return `${SHORT_NAMES[c.what]} ${formatRateValue(c.from)} → ${formatRateValue(c.to)}`;
}

/**
 * One vertical marker per step at which the learning rate or an L1/L2 rate
 * changed (changes at the same step share one), drawn between the last batch
 * with the old value and the first with the new one.
 */
export function changeMarkers(changes: readonly ParamChange[], unit: XUnit, bpe: number, color: string): PlotMarker[] {
  const byStep = new Map<number, ParamChange[]>();
  for (const c of changes) byStep.set(c.step, [...(byStep.get(c.step) ?? []), c]);
  const markers: PlotMarker[] = [];
  for (const [step, group] of byStep) {
    const x = batchX(step - 1, unit, bpe);
    if (!Number.isFinite(x)) continue;
    markers.push({
      x,
      color,
      glyph: group.map(changeLabel).join(' · '),
      title: group.map((c) => `${LONG_NAMES[c.what]} ${formatRateValue(c.from)} → ${formatRateValue(c.to)} from step ${step.toLocaleString('en-US')}`).join('; '),
    });
  }
  return markers;
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
