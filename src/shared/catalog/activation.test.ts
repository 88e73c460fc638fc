import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParamValue } from '../document/schema.ts';
import { ACTIVATIONS } from './common.ts';
import { ourError, ourFacts, tfjsFacts } from './tfjs-reference.ts';
import type { Shape } from './types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Case = [kind: string, params: Record<string, ParamValue>, inputs: Shape[]];

const cases: Case[] = [
  ['Activation', { activation: 'relu' }, [[null, 10]]],
  ['ReLU', {}, [[null, 4, 4, 2]]],
  ['ReLU', { maxValue: 6 }, [[null, 10]]],
  ['LeakyReLU', { alpha: 0.1 }, [[null, 10]]],
  ['ELU', {}, [[null, 3, 5]]],
  ['Softmax', {}, [[null, 10]]],
  ['Softmax', {}, [[null, 4, 3]]],
  ['PReLU', {}, [[null, 10]]],
  ['PReLU', {}, [[null, 8, 8, 3]]],
  ['PReLU', { sharedAxes: [1, 2], alphaInitializer: 'ones' }, [[null, 8, 8, 3]]],
];

describe('activation layers', () => {
  it.each(cases)('%s %j on %j matches tfjs', (kind, params, inputs) => {
    expect(ourFacts(kind, params, inputs)).toEqual(tfjsFacts(tf, kind, params, inputs));
  });

  it('runs every activation we offer through tfjs and keeps the shape', () => {
    const x = tf.tensor2d([[-2, -0.5, 0, 0.5, 2]]);
    for (const activation of ACTIVATIONS) {
      const layer = tf.layers.activation({ activation });
      const y = layer.apply(x) as tf.Tensor;
      expect(y.shape, activation).toEqual([1, 5]);
      expect(y.dataSync().every(Number.isFinite), activation).toBe(true);
      y.dispose();
    }
    x.dispose();
  });

  it('learns one PReLU slope per value, or per channel along shared axes', () => {
    expect(ourFacts('PReLU', {}, [[null, 8, 8, 3]]).trainable).toBe(192);
    expect(ourFacts('PReLU', { sharedAxes: [1, 2] }, [[null, 8, 8, 3]]).trainable).toBe(3);
  });

  it('names a shared axis that is not there', () => {
    expect(ourError('PReLU', { sharedAxes: [3] }, [[null, 10, 4]])?.message).toBe(
      'PReLU shared axis 3 does not exist in its input [null, 10, 4], whose axes after the batch are 1 to 2: remove it from the shared axes',
    );
  });
});
