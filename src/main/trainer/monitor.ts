/**
 * Watches training for the failures people hit most and says what to try:
 * a loss that stops being finite (values past float32's range, or a NaN of
 * another cause), explodes within a few batches or rises over several epochs
 * (fatal: the run stops), a layer whose gradients vanish or whose ReLUs all
 * die (a warning, once per layer). The loss rules are the pure ones of
 * src/shared/run/divergence.ts; this class words the alerts.
 */
import type { EpochRecord, LayerSnapshot, TrainerEvent } from '../../shared/protocol/trainer.ts';
import { emptyTrend, explosion, FLOAT32_MAX, nonFiniteCause, steadyRise, withBatchLoss, withEpochLoss, type LossTrend, type NonFiniteCause, type ValueRange } from '../../shared/run/divergence.ts';
import type { StepValues } from './window.ts';

export type Alert = Extract<TrainerEvent, { type: 'alert' }>;

/** The ranges nonFiniteCause reads, measured on the device when a loss is not finite. */
export interface ValueRanges {
  readonly inputs: ValueRange;
  readonly targets: ValueRange;
  readonly weights: ValueRange;
}

/** Gradient norm below which a layer counts as not learning, and for how many snapshots in a row. */
const VANISH_NORM = 1e-7;
const VANISH_SNAPSHOTS = 3;

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : Number(v.toPrecision(4)).toString());
const FLOAT32_LIMIT = `about ±${FLOAT32_MAX.toExponential(1)}`;
const UNKNOWN: ValueRange = { hasNaN: false, hasInfinity: false, maxAbs: 0 };

export class HealthMonitor {
  private trend: LossTrend = emptyTrend();
  private readonly lowGrad = new Map<string, number>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly learningRate: () => number,
    /** Measures the data and weights; only called once, when a loss is not finite. */
    private readonly measure: () => Promise<ValueRanges> = async () => ({ inputs: UNKNOWN, targets: UNKNOWN, weights: UNKNOWN }),
  ) {}

  private lowerRate(): string {
    const lr = this.learningRate();
    return `lower the learning rate (now ${fmt(lr)}; try ${fmt(lr / 10)})`;
  }

  /** Checks a window of step values in order; returns the fatal alert, if any. */
  async checkLosses(rows: readonly StepValues[]): Promise<Alert | null> {
    for (const r of rows) {
      if (!Number.isFinite(r.loss)) {
        const ranges = await this.measure().catch(() => ({ inputs: UNKNOWN, targets: UNKNOWN, weights: UNKNOWN }));
        return this.nonFinite(r, nonFiniteCause(r.loss, this.trend, ranges));
      }
      this.trend = withBatchLoss(this.trend, r.loss);
      const d = explosion(this.trend);
      if (d?.kind === 'exploding') {
        return {
          type: 'alert',
          kind: 'exploding',
          epoch: r.epoch,
          batch: r.batch,
          fatal: true,
          message: `The loss exploded at epoch ${r.epoch}, batch ${r.batch}: averaged over the last batches it reached ${fmt(d.average)}, over 1,000 times its lowest (${fmt(d.lowest)}), so training stopped. ${capitalise(this.lowerRate())}, and check that the inputs are scaled (e.g. standardize each column, pixels to 0–1).`,
        };
      }
    }
    return null;
  }

  /** Checks the training loss of a finished epoch (its last batch is `lastBatch`); returns the fatal alert when it has been rising. */
  checkEpoch(record: EpochRecord, lastBatch: number): Alert | null {
    this.trend = withEpochLoss(this.trend, record.loss);
    const d = steadyRise(this.trend);
    if (d?.kind !== 'rising') return null;
    return {
      type: 'alert',
      kind: 'diverging',
      epoch: record.epoch,
      batch: lastBatch,
      fatal: true,
      message: `The training loss is diverging: over the last ${d.epochs} epochs it rose ${d.rises} times, from ${fmt(d.from)} to ${fmt(d.to)}, ${d.lowest < d.first ? `after reaching ${fmt(d.lowest)}` : 'and it never went below its first epoch'}, so training stopped after epoch ${record.epoch}. ${capitalise(this.lowerRate())}; with Adam or RMSprop rates around 0.001 are usual.`,
    };
  }

  private nonFinite(r: StepValues, cause: NonFiniteCause): Alert {
    const at = `at epoch ${r.epoch}, batch ${r.batch}`;
    const what = Number.isNaN(r.loss) ? 'NaN (not a number)' : 'infinite';
    const alert = (kind: 'nan' | 'overflow', message: string): Alert => ({ type: 'alert', kind, epoch: r.epoch, batch: r.batch, fatal: true, message });
    switch (cause.kind) {
      case 'nan-in-data':
        return alert('nan', `The loss became NaN ${at} because the training ${cause.where} contain NaN (missing or unreadable values), so training stopped. Fill or drop the missing values in the dataset.`);
      case 'data-beyond-float32':
        return alert('overflow', `The loss became ${what} ${at} because the training ${cause.where} hold numbers beyond float32's range (${FLOAT32_LIMIT}), which became infinite when loaded, so training stopped. Scale those columns down (standardize them, or divide by a power of ten).`);
      case 'overflow': {
        const before = cause.lastLoss !== null ? ` (the loss was ${fmt(cause.lastLoss)} just before)` : '';
        const fix = cause.unscaled
          ? `The training ${cause.unscaled.where} reach ${fmt(cause.unscaled.maxAbs)}: scale them (standardize each column, pixels to 0–1) so the sums stay small, and if it still happens ${this.lowerRate()}.`
          : `${capitalise(this.lowerRate())}, and check that the inputs are scaled (standardize each column, pixels to 0–1).`;
        return alert('overflow', `The loss became ${what} ${at}${before}: values grew past float32's range (${FLOAT32_LIMIT}) and overflowed, so training stopped. ${fix}`);
      }
      case 'nan': {
        const before = cause.lastLoss !== null ? `the loss was ${fmt(cause.lastLoss)} just before and ` : '';
        return alert('nan', `The loss became NaN ${at} although ${before}no value was near float32's limit, so training stopped: an invalid operation (such as 0/0, or the log or square root of a negative number) produced it. Check that the loss suits the output layer (e.g. binaryCrossentropy needs a sigmoid output), or ${this.lowerRate()}.`);
      }
      default:
        throw new Error(`unknown cause ${(cause satisfies never as { kind: string }).kind}`);
    }
  }

  /** Non-fatal alerts from a snapshot; each layer is named at most once per kind. */
  checkSnapshot(layers: readonly LayerSnapshot[], at: { epoch: number; batch: number }, currentLoss: number): Alert[] {
    const alerts: Alert[] = [];
    const start = this.trend.start;
    const stillLearning = start === null || currentLoss > 0.01 * start;
    for (const layer of layers) {
      const norm = layer.kernel?.gradNorm;
      if (norm !== undefined && stillLearning) {
        const runs = norm < VANISH_NORM ? (this.lowGrad.get(layer.name) ?? 0) + 1 : 0;
        this.lowGrad.set(layer.name, runs);
        if (runs >= VANISH_SNAPSHOTS && this.once('vanishing', layer.name)) {
          alerts.push({
            type: 'alert',
            kind: 'vanishing',
            layer: layer.name,
            nodeId: layer.nodeId,
            ...at,
            fatal: false,
            message: `Gradients vanished in ${layer.name}: its weight gradients have stayed below ${VANISH_NORM} for ${VANISH_SNAPSHOTS} snapshots, so it has stopped learning. In deep stacks try relu instead of sigmoid or tanh, He initialization, or BatchNormalization between layers.`,
          });
        }
      }
      if (layer.deadFraction === 1 && this.once('dead-relu', layer.name)) {
        alerts.push({
          type: 'alert',
          kind: 'dead-relu',
          layer: layer.name,
          nodeId: layer.nodeId,
          ...at,
          fatal: false,
          message: `Every ReLU unit of ${layer.name} outputs 0 for all samples of a probe batch: the layer passes nothing on and gets no gradient. ${capitalise(this.lowerRate())}, use He initialization, or try LeakyReLU or ELU.`,
        });
      }
    }
    return alerts;
  }

  private once(kind: string, layer: string): boolean {
    const key = `${kind}:${layer}`;
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    return true;
  }
}

function capitalise(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
