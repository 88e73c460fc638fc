/**
 * Keras' EarlyStopping: stop when the monitored figure has not improved for
 * `patience` epochs, optionally going back to the best epoch's weights.
 */
import type * as TF from '@tensorflow/tfjs';
import type { TrainingSettings } from '../../shared/document/schema.ts';
import type { EpochRecord } from '../../shared/protocol/trainer.ts';
import type { Tf } from './backends/types.ts';

type Monitor = NonNullable<TrainingSettings['earlyStopping']>['monitor'];

export class EarlyStopper {
  readonly monitor: Monitor;
  /** Why the configured monitor was replaced, if it was. */
  readonly note: string | null = null;
  private best: number;
  private wait = 0;
  bestEpoch = 0;
  private bestWeights: TF.Tensor[] | null = null;

  constructor(
    private readonly tf: Tf,
    private readonly config: NonNullable<TrainingSettings['earlyStopping']>,
    hasValidation: boolean,
    hasAccuracy: boolean,
  ) {
    let monitor = config.monitor;
    if (monitor.startsWith('val_') && !hasValidation) {
      monitor = monitor.slice(4) as Monitor;
      this.note = `early stopping watches ${monitor} instead of ${config.monitor}: this run has no validation data`;
    }
    if (monitor.endsWith('acc') && !hasAccuracy) {
      const fallback: Monitor = monitor.startsWith('val_') ? 'val_loss' : 'loss';
      this.note = `early stopping watches ${fallback} instead of ${config.monitor}: accuracy is not among the metrics`;
      monitor = fallback;
    }
    this.monitor = monitor;
    this.best = this.higherIsBetter ? -Infinity : Infinity;
  }

  private get higherIsBetter(): boolean {
    return this.monitor.endsWith('acc');
  }

  private value(r: EpochRecord): number | undefined {
    switch (this.monitor) {
      case 'loss':
        return r.loss;
      case 'val_loss':
        return r.valLoss;
      case 'acc':
        return r.metrics.accuracy;
      case 'val_acc':
        return r.valMetrics?.accuracy;
      default:
        throw new Error(`unknown monitor ${String(this.monitor satisfies never)}`);
    }
  }

  /** After each epoch; true means stop now. */
  update(record: EpochRecord, model: TF.LayersModel): boolean {
    const v = this.value(record);
    if (v === undefined || Number.isNaN(v)) return false;
    if (this.higherIsBetter ? v > this.best : v < this.best) {
      this.best = v;
      this.bestEpoch = record.epoch;
      this.wait = 0;
      if (this.config.restoreBestWeights) {
        this.tf.dispose(this.bestWeights ?? []);
        this.bestWeights = model.getWeights().map((w) => this.tf.keep(w.clone()));
      }
      return false;
    }
    this.wait++;
    return this.wait >= Math.max(1, this.config.patience);
  }

  /** Puts the best epoch's weights back when asked to; returns that epoch, or null if nothing changed. */
  restore(model: TF.LayersModel, lastEpoch: number): number | null {
    if (!this.bestWeights || this.bestEpoch === lastEpoch) return null;
    model.setWeights(this.bestWeights);
    return this.bestEpoch;
  }

  dispose(): void {
    this.tf.dispose(this.bestWeights ?? []);
    this.bestWeights = null;
  }
}
