import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParamValue } from '../document/schema.ts';
import { getLayerDef } from './index.ts';
import { resolveParams } from './params.ts';
import { ourError, ourFacts, tfjsFacts } from './tfjs-reference.ts';
import type { Shape } from './types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Case = [kind: string, params: Record<string, ParamValue>, inputs: Shape[]];

const cases: Case[] = [
  ['MaxPooling2D', {}, [[null, 26, 26, 32]]],
  ['MaxPooling2D', {}, [[null, 7, 7, 4]]],
  ['MaxPooling2D', { padding: 'same' }, [[null, 7, 7, 4]]],
  ['MaxPooling2D', { poolSize: 3, strides: 1 }, [[null, 8, 8, 2]]],
  ['MaxPooling2D', { poolSize: [3, 2], strides: [2, 0] }, [[null, 9, 9, 1]]],
  ['AveragePooling2D', { poolSize: 2 }, [[null, 10, 6, 3]]],
  ['AveragePooling2D', { poolSize: 3, strides: 2, padding: 'same' }, [[null, 10, 5, 3]]],
  ['MaxPooling1D', {}, [[null, 96, 16]]],
  ['MaxPooling1D', { poolSize: 3 }, [[null, 96, 16]]],
  ['MaxPooling1D', { poolSize: 2, padding: 'same' }, [[null, 95, 4]]],
  ['AveragePooling1D', { poolSize: 4, strides: 1 }, [[null, 10, 3]]],
  ['GlobalAveragePooling2D', {}, [[null, 7, 7, 64]]],
  ['GlobalMaxPooling2D', {}, [[null, 5, 3, 8]]],
  ['GlobalAveragePooling1D', {}, [[null, 20, 12]]],
  ['GlobalMaxPooling1D', {}, [[null, 20, 12]]],
];

describe('pooling layers', () => {
  it.each(cases)('%s %j on %j matches tfjs', (kind, params, inputs) => {
    expect(ourFacts(kind, params, inputs)).toEqual(tfjsFacts(tf, kind, params, inputs));
  });

  it('steps by the pool size when strides are 0, and hands tfjs the real strides', () => {
    expect(ourFacts('MaxPooling2D', { poolSize: 3 }, [[null, 9, 9, 1]]).shape).toEqual([null, 3, 3, 1]);
    const def = getLayerDef('MaxPooling2D')!;
    const { params } = resolveParams(def, { poolSize: [3, 2] });
    expect(def.toConfig(params, [[null, 9, 9, 1]]).config).toMatchObject({ poolSize: [3, 2], strides: [3, 2], padding: 'valid' });
  });

  it('offers the missing channel axis and says when the pool does not fit', () => {
    expect(ourError('MaxPooling2D', {}, [[null, 28, 28]])).toMatchObject({
      message: 'MaxPooling2D expects a 4-D input [batch, height, width, channels] but got [null, 28, 28], which has no channel axis: insert a Reshape to [28, 28, 1] before it',
      fix: { kind: 'insert-before', layer: 'Reshape', params: { targetShape: [28, 28, 1] } },
    });
    expect(ourError('MaxPooling2D', {}, [[null, 1, 1, 8]])?.message).toBe(
      'MaxPooling2D\'s pool 2×2 is larger than its 1×1 input [null, 1, 1, 8], so with padding "valid" nothing is left: use a pool of at most 1×1, padding "same", or fewer layers that shrink the input before it',
    );
    expect(ourError('GlobalAveragePooling1D', {}, [[null, 28, 28, 1]])).toMatchObject({
      message: 'GlobalAveragePooling1D expects a 3-D input [batch, steps, channels] but got [null, 28, 28, 1]: insert a Reshape to [28, 28] before it',
      fix: { params: { targetShape: [28, 28] } },
    });
  });
});
