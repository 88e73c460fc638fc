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
  ['Dense', { units: 300 }, [[null, 784]]],
  ['Dense', { units: 3, useBias: false, kernelRegularizer: 'l1l2', kernelL1: 0.001 }, [[null, 5]]],
  ['Flatten', {}, [[null, 28, 28]]],
  ['Flatten', {}, [[null, 5, 5, 16]]],
  ['Reshape', { targetShape: [28, 28, 1] }, [[null, 784]]],
  ['Reshape', { targetShape: [-1, 7] }, [[null, 28, 28]]],
  ['Reshape', { targetShape: [3, -1] }, [[null, 12]]],
  ['Embedding', { inputDim: 1000, outputDim: 16 }, [[null, 20]]],
  ['Embedding', { inputDim: 50, outputDim: 4, embeddingsRegularizer: 'l2' }, [[null, 7]]],
];

describe('core layers', () => {
  it.each(cases)('%s %j on %j matches tfjs', (kind, params, inputs) => {
    expect(ourFacts(kind, params, inputs)).toEqual(tfjsFacts(tf, kind, params, inputs));
  });

  it('counts Dense and Embedding weights as Keras prints them', () => {
    expect(ourFacts('Dense', { units: 300 }, [[null, 784]]).trainable).toBe(235_500);
    expect(ourFacts('Embedding', { inputDim: 1000, outputDim: 16 }, [[null, 20]])).toEqual({ shape: [null, 20, 16], trainable: 16_000, nonTrainable: 0 });
  });

  it('resolves a -1 in a Reshape target', () => {
    expect(ourFacts('Reshape', { targetShape: [-1, 7] }, [[null, 28, 28]]).shape).toEqual([null, 112, 7]);
  });

  it('shows both sizes when a Reshape target does not hold the input, and offers the nearest target that does', () => {
    expect(ourError('Reshape', { targetShape: [28, 27, 1] }, [[null, 784]])).toEqual({
      ok: false,
      message: 'Reshape cannot turn [null, 784] (784 values per sample) into [28, 27, 1]: that holds 756 values per sample; the sizes must multiply to 784, e.g. [28, 28, 1]',
      fix: { kind: 'set-param', param: 'targetShape', value: [28, 28, 1], label: 'Use [28, 28, 1]' },
    });
    expect(ourError('Reshape', { targetShape: [-1, 5] }, [[null, 12]])?.message).toBe(
      'Reshape cannot turn [null, 12] (12 values per sample) into [-1, 5]: the known sizes multiply to 5, which does not divide 12; the sizes must multiply to 12, e.g. [1, 12]',
    );
  });

  it('refuses Reshape sizes of 0 and more than one -1', () => {
    expect(ourError('Reshape', { targetShape: [-1, -1] }, [[null, 12]])?.message).toBe(
      'Reshape target sizes must be positive, with at most one -1 for "whatever fits", but got [-1, -1]: change the target shape',
    );
    expect(ourError('Reshape', { targetShape: [0, 12] }, [[null, 12]])?.message).toMatch(/^Reshape target sizes must be positive/);
  });

  it('tells Flatten on flat data and Embedding on the wrong rank what to do', () => {
    expect(ourError('Flatten', {}, [[null, 10]])?.message).toBe(
      'Flatten expects an input with at least 3 dimensions [batch, …] but got [null, 10]: it is already flat, remove the Flatten',
    );
    expect(ourError('Embedding', {}, [[null, 20, 1]])).toEqual({
      ok: false,
      message: 'Embedding expects token ids as a 2-D input [batch, sequence length] but got [null, 20, 1]: insert a Reshape to [20] before it to drop the size-1 axis',
      fix: { kind: 'insert-before', layer: 'Reshape', params: { targetShape: [20] }, label: 'Insert Reshape to [20]' },
    });
    expect(ourError('Embedding', {}, [[null, 28, 28, 1]])?.message).toBe(
      'Embedding expects token ids as a 2-D input [batch, sequence length] but got [null, 28, 28, 1]: feed it an Input of shape [sequence length] with data type int32',
    );
  });
});
