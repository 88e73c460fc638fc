import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tf } from './backends/types.ts';
import { deviceAdam } from './device-adam.ts';
import { setLearningRate } from './optimizers.ts';

const TF = tf as unknown as Tf;

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

/** A two-layer net with fixed weights and data, trained `steps` steps; returns its weights and the host-made tensors of each step. */
function train(optimizer: tf.Optimizer, steps: number, rateAt?: (step: number) => number): { weights: Float32Array[]; uploads: number[] } {
  const [w1, b1, w2] = tf.tidy(() => [
    tf.variable(tf.tensor2d([0.3, -0.2, 0.5, 0.1, -0.4, 0.25], [3, 2])),
    tf.variable(tf.tensor1d([0.05, -0.05])),
    tf.variable(tf.tensor2d([0.7, -0.6], [2, 1])),
  ]);
  const x = tf.tensor2d([1, 2, 3, -1, 0.5, 2, 0, -2, 1, 3, 3, -3], [4, 3]);
  const y = tf.tensor2d([1, 0, 0.5, -1], [4, 1]);
  const engine = tf.engine() as unknown as { makeTensor: (...a: unknown[]) => tf.Tensor };
  const make = engine.makeTensor.bind(engine);
  const uploads: number[] = [];
  for (let s = 0; s < steps; s++) {
    if (rateAt) setLearningRate(optimizer, rateAt(s));
    const { grads, value } = optimizer.computeGradients(() => tf.losses.meanSquaredError(y, tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2)) as tf.Scalar, [w1, b1, w2]);
    let made = 0;
    engine.makeTensor = (...a: unknown[]) => (made++, make(...a));
    optimizer.applyGradients(grads);
    engine.makeTensor = make;
    uploads.push(made);
    tf.dispose([value, ...Object.values(grads)]);
  }
  const weights = [w1, b1, w2].map((v) => v.dataSync() as Float32Array);
  tf.dispose([w1, b1, w2, x, y]);
  optimizer.dispose();
  return { weights, uploads };
}

describe('Adam with its constants on the device', () => {
  it("gives tf.train.adam's weights bit for bit, through a learning-rate schedule", () => {
    const rate = (s: number) => (s < 5 ? 0.05 : 0.01);
    const ours = train(deviceAdam(TF, 0.05), 10, rate);
    const theirs = train(tf.train.adam(0.05), 10, rate);
    ours.weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(theirs.weights[i])));
    expect(Array.from(ours.weights[0])).not.toEqual([0.3, -0.2, 0.5, 0.1, -0.4, 0.25]);
  });

  it('makes no tensors from host numbers once running, where tfjs makes six per variable each step', () => {
    const ours = train(deviceAdam(TF, 0.01), 4);
    const theirs = train(tf.train.adam(0.01), 4);
    // The first step makes the moment slots (zerosLike), later ones make nothing; tfjs' makes 6 × 3 + 4 every step.
    expect(ours.uploads.slice(1)).toEqual([0, 0, 0]);
    expect(theirs.uploads.slice(1)).toEqual([22, 22, 22]);
  });

  it('leaves no tensors behind, rate changes included', () => {
    const before = tf.memory().numTensors;
    train(deviceAdam(TF, 0.01), 3, (s) => 0.01 / (s + 1));
    expect(tf.memory().numTensors).toBe(before);
  });
});
