/**
 * What the charts draw, read off a run's state (src/shared/run): the loss
 * and metric curves, each layer's gradient norms and a weight's histograms.
 * Each takes only the parts of the state it reads, so a view that derives
 * from them recomputes only when those changed (the fold keeps untouched
 * parts the same objects).
 */
import { mergeBatches, mergeEpochs, mergeSpans, newestFrame, thinItems, type BatchSpan, type HistogramFrame, type RunState, type SpanPoint, type Thinned, type WeightPart } from '../../../../shared/run/index.ts';
import type { EpochRecord } from '../../../../shared/protocol/trainer.ts';
import { EMPTY_SERIES, seriesOf, type SeriesView } from './series.ts';

/** Loss and one metric, per batch (x = step) and per epoch (x = epoch number). */
export interface CurveData {
  readonly label: string;
  /** 0 until known. */
  readonly batchesPerEpoch: number;
  /** "accuracy" when the run measures it, else its first metric ("mae"), else null. */
  readonly metric: string | null;
  readonly batchLoss: SeriesView;
  readonly batchMetric: SeriesView;
  readonly epochLoss: SeriesView;
  readonly valLoss: SeriesView;
  readonly epochMetric: SeriesView;
  readonly valMetric: SeriesView;
}

/** One layer's gradient norm over steps: the L2 norm over its kernel and bias gradients together. */
export interface GradientSeries {
  readonly nodeId: string;
  readonly layer: string;
  readonly series: SeriesView;
}

function metricOf(batches: readonly BatchSpan[], epochs: readonly EpochRecord[]): string | null {
  const names = new Set([...batches.slice(-1), ...epochs.slice(-1)].flatMap((p) => Object.keys(p.metrics)));
  return names.has('accuracy') ? 'accuracy' : ([...names][0] ?? null);
}

/** `bpe`: batches per epoch (batchesPerEpoch of the state), 0 when unknown. */
export function curvesOf(batchList: Thinned<BatchSpan>, epochList: Thinned<EpochRecord>, bpe: number, label: string): CurveData {
  const batches = thinItems(batchList, mergeBatches);
  const epochs = thinItems(epochList, mergeEpochs);
  const m = metricOf(batches, epochs);
  const ofEpochs = (y: (r: EpochRecord) => number | undefined) => seriesOf(epochs.map((r) => ({ x: r.epoch, y: y(r) ?? Number.NaN })));
  return {
    label,
    batchesPerEpoch: bpe,
    metric: m,
    batchLoss: seriesOf(batches.map((p) => ({ x: p.step, y: p.loss, lo: p.low.loss, hi: p.high.loss }))),
    batchMetric: m ? seriesOf(batches.map((p) => ({ x: p.step, y: p.metrics[m] ?? Number.NaN, lo: p.low.metrics[m], hi: p.high.metrics[m] }))) : EMPTY_SERIES,
    epochLoss: ofEpochs((r) => r.loss),
    valLoss: ofEpochs((r) => r.valLoss),
    epochMetric: m ? ofEpochs((r) => r.metrics[m]) : EMPTY_SERIES,
    valMetric: m ? ofEpochs((r) => r.valMetrics?.[m]) : EMPTY_SERIES,
  };
}

/** Every layer that reported gradient norms, in model order. */
export function gradientsOf(layers: RunState['layers'], gradients: Readonly<Record<string, Thinned<SpanPoint>>>): GradientSeries[] {
  return layers
    .filter((l) => gradients[l.nodeId])
    .map((l) => {
      return { nodeId: l.nodeId, layer: l.name, series: seriesOf(thinItems(gradients[l.nodeId], mergeSpans)) };
    });
}

/** One weight's histograms over the run, oldest first. */
export function histogramFramesOf(histograms: RunState['histograms'], nodeId: string, part: WeightPart): HistogramFrame[] {
  const history = histograms[`${nodeId}:${part}`];
  return history ? thinItems(history, newestFrame) : [];
}
