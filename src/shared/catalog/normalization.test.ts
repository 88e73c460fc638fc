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
  ['BatchNormalization', {}, [[null, 10]]],
  ['BatchNormalization', {}, [[null, 8, 8, 16]]],
  ['BatchNormalization', { center: false }, [[null, 8, 8, 16]]],
  ['BatchNormalization', { scale: false, momentum: 0.9, epsilon: 1e-5 }, [[null, 12]]],
  ['BatchNormalization', { axis: 1 }, [[null, 5, 7]]],
  ['LayerNormalization', {}, [[null, 10, 6]]],
  ['LayerNormalization', { center: false, scale: false }, [[null, 10]]],
];

describe('normalization layers', () => {
  it.each(cases)('%s %j on %j matches tfjs', (kind, params, inputs) => {
    expect(ourFacts(kind, params, inputs)).toEqual(tfjsFacts(tf, kind, params, inputs));
  });

  it('splits BatchNormalization into learned gamma/beta and tracked mean/variance', () => {
    expect(ourFacts('BatchNormalization', {}, [[null, 8, 8, 16]])).toEqual({ shape: [null, 8, 8, 16], trainable: 32, nonTrainable: 32 });
  });

  it('names the axis that does not exist and offers -1', () => {
    expect(ourError('BatchNormalization', { axis: 3 }, [[null, 10]])).toEqual({
      ok: false,
      message: 'BatchNormalization axis 3 does not exist in its input [null, 10] (or is the batch axis): use -1 for the last axis',
      fix: { kind: 'set-param', param: 'axis', value: -1, label: 'Use axis -1' },
    });
    expect(ourError('LayerNormalization', { axis: 0 }, [[null, 10]])?.message).toMatch(/^LayerNormalization axis 0 does not exist .* \(or is the batch axis\)/);
  });
});
