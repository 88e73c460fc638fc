/**
 * The losses of one sample and their gradients with respect to the network's
 * output, with the definitions the trainer uses (src/main/trainer/objective.ts,
 * Keras' formulas as tfjs-layers writes them): probabilities are clipped to
 * [ε, 1 − ε] before a log, and the cross-entropies of several classes rescale
 * the outputs to sum to 1 first. Each gradient is what tfjs' autodiff gives
 * through those very operations, clipping included (a clipped value passes no
 * gradient), for a batch of this one sample.
 */

/** tfjs' float32 backends' epsilon (tf.backend().epsilon()). */
export const EPSILON = 1e-7;
/** The clipping bounds as float32 holds them (1 − 1e-7 becomes 1 − 1.19e-7), so that −log(ε) matches tfjs. */
const LOW = Math.fround(EPSILON);
const HIGH = Math.fround(1 - EPSILON);

export interface LossResult {
  readonly loss: number;
  /** ∂L/∂output, one per output unit. */
  readonly grad: readonly number[];
}

/** The losses explained; `loss` names the TrainingSettings value. */
export const EXPLAINED_LOSSES = ['meanSquaredError', 'meanAbsoluteError', 'binaryCrossentropy', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'hinge'] as const;

export function isExplainedLoss(loss: string): loss is (typeof EXPLAINED_LOSSES)[number] {
  return (EXPLAINED_LOSSES as readonly string[]).includes(loss);
}

const clip = (v: number) => Math.min(HIGH, Math.max(LOW, v));
/** tfjs' clipByValue gradient: 1 inside [min, max], bounds included, else 0. */
const inside = (v: number) => (v >= LOW && v <= HIGH ? 1 : 0);

/**
 * The loss of `output` against `target` (already encoded as the loss sees it:
 * one-hot rows for cross-entropy, ±1 for hinge).
 */
export function lossAndGradient(loss: string, output: readonly number[], target: readonly number[]): LossResult {
  const n = output.length;
  switch (loss) {
    case 'meanSquaredError':
      return { loss: mean(output.map((p, j) => (p - target[j]) ** 2)), grad: output.map((p, j) => (2 * (p - target[j])) / n) };
    case 'meanAbsoluteError':
      // tfjs' abs gradient is step(x, -1): −1 at exactly 0.
      return { loss: mean(output.map((p, j) => Math.abs(p - target[j]))), grad: output.map((p, j) => (p - target[j] > 0 ? 1 : -1) / n) };
    case 'binaryCrossentropy': {
      const q = output.map(clip);
      const perUnit = q.map((v, j) => -(target[j] * Math.log(v) + (1 - target[j]) * Math.log(1 - v)));
      // d/dq of −[t·log q + (1 − t)·log(1 − q)] is (q − t) / (q·(1 − q)).
      return { loss: mean(perUnit), grad: q.map((v, j) => (inside(output[j]) * (v - target[j])) / (v * (1 - v)) / n) };
    }
    case 'categoricalCrossentropy':
    case 'sparseCategoricalCrossentropy':
      return crossentropy(output, target);
    case 'hinge':
      // relu(1 − t·p): tfjs' relu gradient is 0 at exactly 0.
      return {
        loss: mean(output.map((p, j) => Math.max(0, 1 - target[j] * p))),
        grad: output.map((p, j) => (1 - target[j] * p > 0 ? -target[j] / n : 0)),
      };
    default:
      throw new Error(`Explain a step has no formula for the loss ${JSON.stringify(loss)}`);
  }
}

/**
 * −Σ t·log q with q = clip(p / Σp). Through the rescaling, ∂L/∂p_i is
 * (g_i − Σ_k g_k·q_k) / Σp where g = ∂L/∂q; after a softmax (Σp = 1, one-hot t)
 * that is 1 − t_i/p_i, and the softmax turns it into the familiar p − t.
 */
function crossentropy(output: readonly number[], target: readonly number[]): LossResult {
  const sum = output.reduce((a, b) => a + b, 0);
  const scaled = output.map((p) => p / sum);
  const q = scaled.map(clip);
  const loss = -target.reduce((acc, t, k) => acc + t * Math.log(q[k]), 0);
  const g = q.map((v, k) => (inside(scaled[k]) * -target[k]) / v);
  const gq = g.reduce((acc, gk, k) => acc + gk * scaled[k], 0);
  return { loss, grad: g.map((gi) => (gi - gq) / sum) };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
