/**
 * The hyperparameters a run can change while it goes, as in TensorFlow
 * Playground: the learning rate and one L1/L2 penalty over the whole network.
 *
 * The penalty is the run's, not the layers': `l1·Σ|w| + l2·Σw²` over every
 * kernel (each trainable weight of rank 2 or more: Dense and Conv kernels,
 * recurrent kernels, embeddings; never biases or normalization scales), added
 * to the loss in the training step, as Keras adds a layer regularizer's. A
 * layer's own kernelRegularizer is compiled into the model and fixed for the
 * run; this one starts at 0 and can be turned while the run goes, so the
 * effect of L1 or L2 is seen on the same run. The loss reported includes it,
 * as it includes the layers' penalties.
 */
import type * as TF from '@tensorflow/tfjs';
import type { TrainingSettings } from '../../shared/document/schema.ts';
import type { TrainerEvent, TunableName, Tuning } from '../../shared/protocol/trainer.ts';
import type { Tf } from './backends/types.ts';
import { scheduledRate, setLearningRate } from './optimizers.ts';

type ChangeEvent = Extract<TrainerEvent, { type: 'change' }>;

/** The allowed range of each value; a change outside it is refused with a message. */
export const TUNING_LIMITS: Readonly<Record<TunableName, { readonly min: number; readonly max: number; readonly exclusiveMin: boolean }>> = {
  learningRate: { min: 0, max: 10, exclusiveMin: true },
  l1: { min: 0, max: 10, exclusiveMin: false },
  l2: { min: 0, max: 10, exclusiveMin: false },
};

/** Why a value cannot be used, or null when it can. */
export function tuningProblem(what: TunableName, value: number): string | null {
  const { min, max, exclusiveMin } = TUNING_LIMITS[what];
  const ok = Number.isFinite(value) && (exclusiveMin ? value > min : value >= min) && value <= max;
  return ok ? null : `${what} must be ${exclusiveMin ? 'above' : 'at least'} ${min} and at most ${max}, got ${value}; the run keeps ${what === 'learningRate' ? 'its learning rate' : `its ${what} rate`}.`;
}

export class LiveTuning {
  /** The base learning rate: the schedule scales it each epoch. */
  learningRate: number;
  l1 = 0;
  l2 = 0;
  /** The epoch being trained, 0-based, for the schedule. */
  epochIndex = 0;
  private scalars: { l1: TF.Scalar | null; l2: TF.Scalar | null } = { l1: null, l2: null };

  constructor(
    private readonly tf: Tf,
    private readonly optimizer: TF.Optimizer,
    private readonly settings: TrainingSettings,
    /** The weights the penalty covers. */
    private readonly kernels: readonly TF.Variable[],
  ) {
    this.learningRate = settings.learningRate;
  }

  /** The rate the optimizer uses in the current epoch. */
  get rate(): number {
    return scheduledRate({ ...this.settings, learningRate: this.learningRate }, this.epochIndex);
  }

  /** Sets the optimizer's rate for epoch `epochIndex` (0-based). */
  beginEpoch(epochIndex: number): number {
    this.epochIndex = epochIndex;
    setLearningRate(this.optimizer, this.rate);
    return this.rate;
  }

  /**
   * Applies the values that differ from the current ones; returns one change
   * event per value changed (`step`: the next batch) and a message per value
   * refused.
   */
  apply(tuning: Tuning, step: number): { changes: ChangeEvent[]; refused: string[] } {
    const changes: ChangeEvent[] = [];
    const refused: string[] = [];
    for (const what of ['learningRate', 'l1', 'l2'] as const) {
      const to = tuning[what];
      if (to === undefined) continue;
      const problem = tuningProblem(what, to);
      if (problem) {
        refused.push(problem);
        continue;
      }
      const from = this[what];
      if (to === from) continue;
      this[what] = to;
      if (what === 'learningRate') setLearningRate(this.optimizer, this.rate);
      else {
        this.scalars[what]?.dispose();
        this.scalars[what] = null;
      }
      changes.push({ type: 'change', step, what, from, to });
    }
    return { changes, refused };
  }

  /** The penalty on the kernels now, or null when both rates are 0. Call inside the step's gradient function. */
  penalty(): TF.Scalar | null {
    const { tf } = this;
    if (!this.kernels.length || (this.l1 === 0 && this.l2 === 0)) return null;
    // Kept as tensors until the rate changes: no upload per batch on a GPU.
    if (this.l1 > 0) this.scalars.l1 ??= tf.keep(tf.scalar(this.l1));
    if (this.l2 > 0) this.scalars.l2 ??= tf.keep(tf.scalar(this.l2));
    const terms: TF.Scalar[] = [];
    if (this.l1 > 0) terms.push(tf.mul(this.scalars.l1!, tf.addN(this.kernels.map((k) => tf.sum(tf.abs(k))))) as TF.Scalar);
    if (this.l2 > 0) terms.push(tf.mul(this.scalars.l2!, tf.addN(this.kernels.map((k) => tf.sum(tf.square(k))))) as TF.Scalar);
    return terms.length === 1 ? terms[0] : (tf.add(terms[0], terms[1]) as TF.Scalar);
  }

  dispose(): void {
    this.scalars.l1?.dispose();
    this.scalars.l2?.dispose();
    this.scalars = { l1: null, l2: null };
  }
}

/** The weights a run-wide L1/L2 penalty covers: kernels, never biases or scales. */
export function penalizedWeights(variables: readonly TF.Variable[]): TF.Variable[] {
  return variables.filter((v) => v.shape.length >= 2);
}
