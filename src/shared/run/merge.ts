/**
 * How the Thinned lists of a run merge a group of items into one: figures
 * by their mean (non-finite values left out, so one NaN batch does not blank
 * a point), ranges by their extremes, positions by the newest, and weight
 * histograms by keeping the newest (a mean of histograms would show a
 * distribution the weights never had).
 */
import type { EpochRecord, MetricValues } from '../protocol/trainer.ts';
import type { BatchSpan, Figures, HistogramFrame, SpanPoint } from './state.ts';

/** Mean of the finite values; NaN when there are none. */
function mean(values: readonly (number | undefined)[]): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v !== undefined && Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n ? sum / n : Number.NaN;
}

/** The lowest (or highest, by `pick`) of the finite values; NaN when there are none. */
function extreme(values: readonly (number | undefined)[], pick: (a: number, b: number) => number): number {
  let out = Number.NaN;
  for (const v of values) if (v !== undefined && Number.isFinite(v)) out = Number.isNaN(out) ? v : pick(out, v);
  return out;
}

/** Metric names of a group: a run measures the same ones throughout, so the newest item's will do, plus any others seen. */
function metricNames(all: readonly (MetricValues | undefined)[]): string[] {
  const names = Object.keys(all[all.length - 1] ?? {});
  for (const m of all) for (const k in m) if (!names.includes(k)) names.push(k);
  return names;
}

function each(all: readonly (MetricValues | undefined)[], f: (values: (number | undefined)[]) => number): MetricValues {
  const out: Record<string, number> = {};
  for (const k of metricNames(all)) out[k] = f(all.map((m) => m?.[k]));
  return out;
}

const meanMetrics = (all: readonly (MetricValues | undefined)[]) => each(all, mean);

function bound(all: readonly Figures[], pick: (a: number, b: number) => number): Figures {
  return { loss: extreme(all.map((f) => f.loss), pick), metrics: each(all.map((f) => f.metrics), (v) => extreme(v, pick)) };
}

export function mergeBatches(group: readonly BatchSpan[]): BatchSpan {
  const last = group[group.length - 1];
  if (group.length === 1) return last;
  return {
    step: last.step,
    epoch: last.epoch,
    batch: last.batch,
    loss: mean(group.map((p) => p.loss)),
    metrics: meanMetrics(group.map((p) => p.metrics)),
    low: bound(group.map((p) => p.low), Math.min),
    high: bound(group.map((p) => p.high), Math.max),
  };
}

export function mergeEpochs(group: readonly EpochRecord[]): EpochRecord {
  const last = group[group.length - 1];
  if (group.length === 1) return last;
  const validated = group.some((r) => r.valLoss !== undefined);
  return {
    epoch: last.epoch,
    loss: mean(group.map((r) => r.loss)),
    metrics: meanMetrics(group.map((r) => r.metrics)),
    ...(validated ? { valLoss: mean(group.map((r) => r.valLoss)), valMetrics: meanMetrics(group.map((r) => r.valMetrics)) } : {}),
    learningRate: last.learningRate,
    seconds: group.reduce((a, r) => a + r.seconds, 0),
  };
}

export function mergeSpans(group: readonly SpanPoint[]): SpanPoint {
  if (group.length === 1) return group[0];
  return { x: mean(group.map((p) => p.x)), y: mean(group.map((p) => p.y)), lo: extreme(group.map((p) => p.lo), Math.min), hi: extreme(group.map((p) => p.hi), Math.max) };
}

export function newestFrame(group: readonly HistogramFrame[]): HistogramFrame {
  return group[group.length - 1];
}
