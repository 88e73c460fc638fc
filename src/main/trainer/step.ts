/**
 * One training step, written out instead of model.fit so that the gradients
 * are in hand (for per-layer gradient norms and the vanishing-gradient alert)
 * and nothing is read back from the device: the loss and metric values stay
 * there as scalars until the loop reads a window of them at once.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from './backends/types.ts';
import type { Objective } from './objective.ts';
import type { SeededRandom } from './seed.ts';

export interface StepResult {
  readonly loss: TF.Scalar;
  readonly metrics: readonly TF.Scalar[];
  /** L2 norm of each trainable variable's gradient, in trainableVariables order; only when asked. */
  readonly gradNorms?: TF.Tensor1D;
}

export interface Stepper {
  /** Trains on the batch `batch()` makes (inside the step's tidy); the result's tensors belong to the caller. */
  run(batch: () => [TF.Tensor, TF.Tensor], withGradNorms: boolean): StepResult;
  readonly variables: readonly TF.Variable[];
}

/**
 * `penalty`: a run-wide term added to the loss at each step (the live L1/L2
 * of tuning.ts), or null for none; read anew every step, so a change lands at
 * the next batch.
 */
export function createStepper(tf: Tf, model: TF.LayersModel, objective: Objective, optimizer: TF.Optimizer, random: SeededRandom, penalty: () => TF.Scalar | null = () => null): Stepper {
  const variables = model.trainableWeights.map((w) => w.read() as TF.Variable);
  return {
    variables,
    run(batch, withGradNorms) {
      return random.run(() =>
        tf.tidy(() => {
          const [x, y] = batch();
          let pred: TF.Tensor | undefined;
          const { value, grads } = optimizer.computeGradients(() => {
            // Kept so the metrics can be computed outside the gradient tape, where they cost no bookkeeping.
            pred = tf.keep(model.apply(x, { training: true }) as TF.Tensor);
            let loss = objective.loss(y, pred);
            for (const layerPenalty of model.calculateLosses()) loss = tf.add(loss, layerPenalty);
            const runPenalty = penalty();
            if (runPenalty) loss = tf.add(loss, runPenalty);
            return loss;
          }, variables);
          const p = pred!;
          const metrics = objective.metrics.map((m) => m.fn(y, p));
          const gradNorms = withGradNorms && variables.length ? (tf.stack(variables.map((v) => (grads[v.name] ? tf.norm(grads[v.name]) : tf.scalar(0)))) as TF.Tensor1D) : undefined;
          optimizer.applyGradients(grads);
          p.dispose();
          return { loss: value, metrics, ...(gradNorms ? { gradNorms } : {}) };
        }),
      );
    },
  };
}
