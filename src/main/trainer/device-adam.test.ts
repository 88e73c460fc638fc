import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tf } from './backends/types.ts';
import { deviceAdam } from './device-adam.ts';
import { trainTinyNet } from './testing.ts';

const TF = tf as unknown as Tf;

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('Adam with its constants on the device', () => {
  it("gives tf.train.adam's weights bit for bit, through a learning-rate schedule", () => {
    const rate = (s: number) => (s < 5 ? 0.05 : 0.01);
    const ours = trainTinyNet(TF, deviceAdam(TF, 0.05), 10, rate);
    const theirs = trainTinyNet(TF, tf.train.adam(0.05), 10, rate);
    ours.weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(theirs.weights[i])));
    expect(Array.from(ours.weights[0])).not.toEqual([0.3, -0.2, 0.5, 0.1, -0.4, 0.25]);
  });

  it('makes no tensors from host numbers once running, where tfjs makes six per variable each step', () => {
    const ours = trainTinyNet(TF, deviceAdam(TF, 0.01), 4);
    const theirs = trainTinyNet(TF, tf.train.adam(0.01), 4);
    // The first step makes the moment slots (zerosLike), later ones make nothing; tfjs' makes 6 × 3 + 4 every step.
    expect(ours.uploads.slice(1)).toEqual([0, 0, 0]);
    expect(theirs.uploads.slice(1)).toEqual([22, 22, 22]);
  });

  it('leaves no tensors behind, rate changes included', () => {
    const before = tf.memory().numTensors;
    trainTinyNet(TF, deviceAdam(TF, 0.01), 3, (s) => 0.01 / (s + 1));
    expect(tf.memory().numTensors).toBe(before);
  });
});
