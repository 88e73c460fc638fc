/**
 * When the loss alone says a run is going wrong. Pure rules over a small
 * running summary of the losses (LossTrend), so they can be checked with
 * plain numbers; the trainer feeds them every batch loss and epoch loss it
 * reads and stops the run on a verdict (src/main/trainer/monitor.ts).
 *
 * Three verdicts:
 * - exploding: the loss grows by orders of magnitude, usually within a few
 *   batches (SGD at a rate far too high: each step overshoots further). It
 *   is judged on a moving average of the batch losses, so that one odd batch
 *   of a small batch size does not count, and the average must also be above
 *   where it started (a loss near 0 that wobbles is not exploding).
 * - rising: the epoch loss climbs for several epochs (Adam at a rate too
 *   high: units saturate and the loss creeps up, then sticks). Training loss
 *   only: a validation loss that rises is overfitting, not divergence.
 * - a loss that is not finite: nonFiniteCause says whether values went past
 *   float32's range (about ±3.4e38) or the NaN came from elsewhere.
 */

/** How far over its lowest the averaged batch loss must climb to count as exploding. */
export const EXPLODE_FACTOR = 1e3;
/** Weight of the newest batch in the moving average: about the last five batches count. */
const AVERAGE_WEIGHT = 0.2;
/** The epochs the rising rule looks back over, the rises it needs among them, and how far over its lowest the loss must end. */
export const RISE_EPOCHS = 4;
export const RISE_COUNT = 3;
export const RISE_FACTOR = 1.5;
/** The largest float32 value; beyond it values become ±Infinity. */
export const FLOAT32_MAX = 3.4028234663852886e38;
/** A finite loss this many times where it started, before a NaN, means the values had been growing towards the limit. */
const OVERFLOW_GROWTH = 1e6;
/** Inputs or targets larger than this are unscaled: sums of them overflow long before the weights do. */
export const UNSCALED = 1e4;

export interface LossTrend {
  /** Moving average of the batch losses; null before the first. */
  readonly average: number | null;
  /** The first batch loss: where the average started. */
  readonly start: number | null;
  readonly lowestAverage: number;
  /** The largest finite batch loss so far. */
  readonly highest: number;
  /** The newest finite batch loss. */
  readonly last: number | null;
  readonly firstEpoch: number | null;
  readonly lowestEpoch: number;
  /** The newest epoch losses, oldest first: at most RISE_EPOCHS + 1. */
  readonly recentEpochs: readonly number[];
}

export type Divergence =
  | { readonly kind: 'exploding'; readonly average: number; readonly lowest: number }
  | { readonly kind: 'rising'; readonly from: number; readonly to: number; readonly epochs: number; readonly rises: number; readonly lowest: number; readonly first: number };

export function emptyTrend(): LossTrend {
  return { average: null, start: null, lowestAverage: Infinity, highest: -Infinity, last: null, firstEpoch: null, lowestEpoch: Infinity, recentEpochs: [] };
}

/** The trend after one more batch loss; a loss that is not finite leaves it as it was (nonFiniteCause judges those). */
export function withBatchLoss(t: LossTrend, loss: number): LossTrend {
  if (!Number.isFinite(loss)) return t;
  const average = t.average === null ? loss : t.average + AVERAGE_WEIGHT * (loss - t.average);
  return { ...t, average, start: t.start ?? loss, lowestAverage: Math.min(t.lowestAverage, average), highest: Math.max(t.highest, loss), last: loss };
}

/** The trend after one more epoch's training loss. */
export function withEpochLoss(t: LossTrend, loss: number): LossTrend {
  if (!Number.isFinite(loss)) return t;
  return { ...t, firstEpoch: t.firstEpoch ?? loss, lowestEpoch: Math.min(t.lowestEpoch, loss), recentEpochs: [...t.recentEpochs, loss].slice(-(RISE_EPOCHS + 1)) };
}

/**
 * Exploding: the averaged batch loss is over EXPLODE_FACTOR times its lowest
 * and above where it started.
 */
export function explosion(t: LossTrend): Divergence | null {
  if (t.average === null || t.start === null) return null;
  if (t.average > EXPLODE_FACTOR * t.lowestAverage && t.average > t.start) return { kind: 'exploding', average: t.average, lowest: t.lowestAverage };
  return null;
}

/**
 * Rising: over the last RISE_EPOCHS epochs the training loss rose at least
 * RISE_COUNT times, and it now stands at least RISE_FACTOR times its lowest
 * epoch and above its first epoch (training has made the model worse than
 * it began, so it is no plateau and no noise around a low value).
 */
export function steadyRise(t: LossTrend): Divergence | null {
  const r = t.recentEpochs;
  if (r.length < RISE_EPOCHS + 1 || t.firstEpoch === null) return null;
  let rises = 0;
  for (let i = 1; i < r.length; i++) if (r[i] > r[i - 1]) rises++;
  const to = r[r.length - 1];
  if (rises >= RISE_COUNT && to >= RISE_FACTOR * t.lowestEpoch && to > t.firstEpoch) {
    return { kind: 'rising', from: r[0], to, epochs: RISE_EPOCHS, rises, lowest: t.lowestEpoch, first: t.firstEpoch };
  }
  return null;
}

/** What a tensor held when the loss stopped being finite. */
export interface ValueRange {
  readonly hasNaN: boolean;
  readonly hasInfinity: boolean;
  /** Largest absolute finite value. */
  readonly maxAbs: number;
}

export type NonFiniteCause =
  /** The inputs or targets themselves hold NaN (missing values). */
  | { readonly kind: 'nan-in-data'; readonly where: 'inputs' | 'targets' }
  /** The inputs or targets hold ±Infinity: numbers beyond float32's range when they were loaded. */
  | { readonly kind: 'data-beyond-float32'; readonly where: 'inputs' | 'targets' }
  /** Values computed from the data went past float32's range: the loss or a weight became infinite, or the loss had been growing towards it. `unscaled` names data over UNSCALED in size. */
  | { readonly kind: 'overflow'; readonly unscaled: { readonly where: 'inputs' | 'targets'; readonly maxAbs: number } | null; readonly lastLoss: number | null }
  /** NaN with nothing near float32's limit: an invalid operation (0/0, log of a negative…). */
  | { readonly kind: 'nan'; readonly lastLoss: number | null };

/**
 * Why the loss became `loss` (NaN or ±Infinity), from the trend before it
 * and the ranges of the data and the weights at that point.
 */
export function nonFiniteCause(loss: number, t: LossTrend, data: { readonly inputs: ValueRange; readonly targets: ValueRange; readonly weights: ValueRange }): NonFiniteCause {
  for (const where of ['inputs', 'targets'] as const) if (data[where].hasNaN) return { kind: 'nan-in-data', where };
  for (const where of ['inputs', 'targets'] as const) if (data[where].hasInfinity) return { kind: 'data-beyond-float32', where };
  const grew = t.start !== null && t.highest >= OVERFLOW_GROWTH * Math.max(t.start, Number.MIN_VALUE);
  const near = t.highest >= FLOAT32_MAX * 1e-8;
  const unscaledWhere = (['inputs', 'targets'] as const).find((w) => data[w].maxAbs > UNSCALED);
  const unscaled = unscaledWhere ? { where: unscaledWhere, maxAbs: data[unscaledWhere].maxAbs } : null;
  if (!Number.isNaN(loss) || data.weights.hasInfinity || grew || near || (unscaled && t.last === null)) return { kind: 'overflow', unscaled, lastLoss: t.last };
  return { kind: 'nan', lastLoss: t.last };
}
