/**
 * Adam on the wasm backend in one native call per variable: the weights
 * follow tfjs' own Adam (on the cpu backend) within float rounding, and the
 * update runs no tfjs kernels at all.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tf } from './backends/types.ts';
import { loadWasm } from './backends/wasm.ts';
import { deviceAdam } from './device-adam.ts';
import { trainTinyNet } from './testing.ts';

const TF = tf as unknown as Tf;

beforeAll(async () => {
  tf.env().set('PROD', true);
  await loadWasm();
});

describe('Adam on wasm', () => {
  it("follows tf.train.adam's weights through a learning-rate schedule", async () => {
    const rate = (s: number) => (s < 5 ? 0.05 : 0.01);
    await tf.setBackend('wasm');
    const ours = trainTinyNet(TF, deviceAdam(TF, 0.05), 10, rate);
    await tf.setBackend('cpu');
    const theirs = trainTinyNet(TF, tf.train.adam(0.05), 10, rate);
    await tf.setBackend('wasm');
    ours.weights.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(theirs.weights[i][j], 5)));
    expect(Array.from(ours.weights[0])).not.toEqual([0.3, -0.2, 0.5, 0.1, -0.4, 0.25]);
  });

  it('runs no tfjs kernel for the update once the moments exist', async () => {
    await tf.setBackend('wasm');
    const w = tf.variable(tf.tensor1d([1, 2, 3, 4, 5]));
    const optimizer = deviceAdam(TF, 0.1);
    const step = () => {
      const { grads, value } = optimizer.computeGradients(() => tf.sum(tf.square(w)) as tf.Scalar, [w]);
      return { grads, value };
    };
    const first = step();
    optimizer.applyGradients(first.grads);
    const second = step();
    const profile = await tf.profile(() => optimizer.applyGradients(second.grads));
    expect(profile.kernels.map((k) => k.name)).toEqual([]);
    // Two steps of Adam move every weight by about the rate each time, towards zero.
    Array.from(await w.data()).forEach((v, i) => expect(v).toBeCloseTo(i + 1 - 0.2, 1));
    tf.dispose([first.value, second.value, ...Object.values(first.grads), ...Object.values(second.grads), w]);
    optimizer.dispose();
  });
});
