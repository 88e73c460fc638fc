import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParamValue } from '../document/schema.ts';
import { ourError, ourFacts, tfjsFacts } from './tfjs-reference.ts';
import type { Shape } from './types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Case = [kind: string, params: Record<string, ParamValue>, inputs: Shape[]];

const cases: Case[] = [
  ['Conv2D', { filters: 32, kernelSize: 3 }, [[null, 28, 28, 1]]],
  ['Conv2D', { filters: 16, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu' }, [[null, 28, 28, 3]]],
  ['Conv2D', { filters: 4, kernelSize: 3, strides: 2 }, [[null, 7, 7, 2]]],
  ['Conv2D', { filters: 5, kernelSize: [5, 3], strides: [2, 1], useBias: false, kernelInitializer: 'heNormal' }, [[null, 11, 9, 3]]],
  ['Conv2D', { filters: 2, kernelSize: 3, dilationRate: 2, kernelRegularizer: 'l2' }, [[null, 10, 10, 1]]],
  ['Conv2D', { filters: 2, kernelSize: 3, strides: 3, padding: 'same' }, [[null, 10, 8, 1]]],
  ['Conv2D', { filters: 2, kernelSize: 3, dilationRate: [2, 1], padding: 'same' }, [[null, 10, 8, 1]]],
  ['Conv1D', { filters: 16, kernelSize: 5 }, [[null, 100, 8]]],
  ['Conv1D', { filters: 4, kernelSize: 3, strides: 3, padding: 'same' }, [[null, 100, 2]]],
  ['Conv1D', { filters: 3, kernelSize: [3], dilationRate: [2], activation: 'gelu' }, [[null, 20, 1]]],
];

describe('convolution layers', () => {
  it.each(cases)('%s %j on %j matches tfjs', (kind, params, inputs) => {
    expect(ourFacts(kind, params, inputs)).toEqual(tfjsFacts(tf, kind, params, inputs));
  });

  it('gives the LeNet numbers: 3×3×1×32 + 32 = 320 weights', () => {
    expect(ourFacts('Conv2D', { filters: 32, kernelSize: 3 }, [[null, 28, 28, 1]])).toEqual({ shape: [null, 26, 26, 32], trainable: 320, nonTrainable: 0 });
  });

  it('offers a Reshape that adds the missing channel axis', () => {
    expect(ourError('Conv2D', {}, [[null, 28, 28]])).toEqual({
      ok: false,
      message: 'Conv2D expects a 4-D input [batch, height, width, channels] but got [null, 28, 28], which has no channel axis: insert a Reshape to [28, 28, 1] before it',
      fix: { kind: 'insert-before', layer: 'Reshape', params: { targetShape: [28, 28, 1] }, label: 'Insert Reshape to [28, 28, 1]' },
    });
    expect(ourError('Conv1D', {}, [[null, 100]])).toMatchObject({
      message: 'Conv1D expects a 3-D input [batch, steps, channels] but got [null, 100], which has no channel axis: insert a Reshape to [100, 1] before it',
      fix: { params: { targetShape: [100, 1] } },
    });
  });

  it('reads a square flat vector as an image and says when no layout is obvious', () => {
    expect(ourError('Conv2D', {}, [[null, 784]])).toMatchObject({
      message: 'Conv2D expects a 4-D input [batch, height, width, channels] but got [null, 784]: insert a Reshape to [28, 28, 1] before it',
      fix: { params: { targetShape: [28, 28, 1] } },
    });
    expect(ourError('Conv2D', {}, [[null, 10]])).toEqual({
      ok: false,
      message: 'Conv2D expects a 4-D input [batch, height, width, channels] but got [null, 10]: reshape the data to 3 dimensions per sample with a Reshape before it',
    });
  });

  it('names the kernel and the input when the kernel does not fit', () => {
    expect(ourError('Conv2D', { kernelSize: 5 }, [[null, 3, 3, 8]])).toEqual({
      ok: false,
      message: 'Conv2D\'s kernel 5×5 is larger than its 3×3 input [null, 3, 3, 8], so with padding "valid" nothing is left: use a kernel of at most 3×3, padding "same", or fewer layers that shrink the input before it',
      fix: { kind: 'set-param', param: 'padding', value: 'same', label: 'Use padding "same"' },
    });
    expect(ourError('Conv1D', { kernelSize: 3, dilationRate: 3 }, [[null, 6, 2]])?.message).toBe(
      'Conv1D\'s kernel 3 (7 once dilated) is larger than its 6 input [null, 6, 2], so with padding "valid" nothing is left: use a kernel of at most 6, padding "same", or fewer layers that shrink the input before it',
    );
    expect(ourFacts('Conv2D', { kernelSize: 5, padding: 'same', filters: 1 }, [[null, 3, 3, 8]]).shape).toEqual([null, 3, 3, 1]);
  });

  it('refuses a stride and a dilation above 1 together, which tfjs cannot run', () => {
    expect(ourError('Conv2D', { strides: 2, dilationRate: 2 }, [[null, 28, 28, 1]])).toEqual({
      ok: false,
      message: 'Conv2D cannot combine strides [2, 2] with dilation rate [2, 2] (tfjs supports a stride or a dilation above 1, not both): set the dilation rate back to 1',
      fix: { kind: 'set-param', param: 'dilationRate', value: [1, 1], label: 'Set dilation rate to 1' },
    });
  });
});
