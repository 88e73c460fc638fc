import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParamValue } from '../document/schema.ts';
import { ourError, ourFacts, tfjsFacts } from './tfjs-reference.ts';
import type { Shape } from './types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Case = [kind: string, params: Record<string, ParamValue>, inputs: Shape[]];

// Small unit counts: tfjs builds the orthogonal recurrent kernel with a QR on the CPU.
const cases: Case[] = [
  ['SimpleRNN', { units: 8 }, [[null, 10, 4]]],
  ['SimpleRNN', { units: 5, returnSequences: true, activation: 'relu' }, [[null, 10, 4]]],
  ['LSTM', { units: 8 }, [[null, 20, 3]]],
  ['LSTM', { units: 6, returnSequences: true, dropout: 0.2, recurrentDropout: 0.1 }, [[null, 20, 3]]],
  ['LSTM', { units: 4, recurrentActivation: 'hardSigmoid', kernelRegularizer: 'l2' }, [[null, null, 7]]],
  ['GRU', { units: 6 }, [[null, 5, 4]]],
  ['GRU', { units: 6, useBias: false, returnSequences: true, recurrentInitializer: 'glorotUniform' }, [[null, 5, 4]]],
];

describe('recurrent layers', () => {
  it.each(cases)('%s %j on %j matches tfjs', (kind, params, inputs) => {
    expect(ourFacts(kind, params, inputs)).toEqual(tfjsFacts(tf, kind, params, inputs));
  });

  it('counts gates × (units × (features + units) + units), with tfjs\' single GRU bias', () => {
    expect(ourFacts('LSTM', { units: 8 }, [[null, 20, 3]]).trainable).toBe(4 * (8 * (3 + 8) + 8));
    expect(ourFacts('GRU', { units: 6 }, [[null, 5, 4]]).trainable).toBe(3 * (6 * (4 + 6) + 6));
    expect(ourFacts('SimpleRNN', { units: 8, returnSequences: true }, [[null, 10, 4]])).toEqual({ shape: [null, 10, 8], trainable: 8 * 12 + 8, nonTrainable: 0 });
  });

  it('offers a Reshape that makes steps out of flat or image data', () => {
    expect(ourError('LSTM', {}, [[null, 100]])).toEqual({
      ok: false,
      message: 'LSTM expects a 3-D input [batch, timesteps, features] but got [null, 100], which has no feature axis: insert a Reshape to [100, 1] before it',
      fix: { kind: 'insert-before', layer: 'Reshape', params: { targetShape: [100, 1] }, label: 'Insert Reshape to [100, 1]' },
    });
    expect(ourError('GRU', {}, [[null, 28, 28, 1]])).toMatchObject({
      message: 'GRU expects a 3-D input [batch, timesteps, features] but got [null, 28, 28, 1]: insert a Reshape to [28, 28] before it',
      fix: { params: { targetShape: [28, 28] } },
    });
  });
});
