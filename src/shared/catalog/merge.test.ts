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
  ['Add', {}, [[null, 16], [null, 16]]],
  ['Add', {}, [[null, 4, 4, 8], [null, 4, 4, 8], [null, 4, 4, 8]]],
  ['Multiply', {}, [[null, 5, 3], [null, 5, 3]]],
  ['Average', {}, [[null, 7], [null, 7]]],
  ['Concatenate', {}, [[null, 32], [null, 16]]],
  ['Concatenate', { axis: 1 }, [[null, 2, 3], [null, 4, 3]]],
  ['Concatenate', { axis: -1 }, [[null, 8, 8, 3], [null, 8, 8, 5], [null, 8, 8, 1]]],
];

describe('merge layers', () => {
  it.each(cases)('%s %j on %j matches tfjs', (kind, params, inputs) => {
    expect(ourFacts(kind, params, inputs)).toEqual(tfjsFacts(tf, kind, params, inputs));
  });

  it('shows the two shapes that differ and how to match them', () => {
    expect(ourError('Add', {}, [[null, 64], [null, 32]])).toEqual({
      ok: false,
      message: 'Add needs all inputs to have the same shape but got [null, 64] (input 1) and [null, 32] (input 2): put a Dense with 64 units on the branch giving [null, 32], or use a Concatenate to place them side by side',
    });
    expect(ourError('Multiply', {}, [[null, 8, 8, 16], [null, 8, 8, 16], [null, 8, 8, 32]])?.message).toBe(
      'Multiply needs all inputs to have the same shape but got [null, 8, 8, 16] (input 1) and [null, 8, 8, 32] (input 3): put a Conv2D with 16 filters and kernel 1×1 on the branch giving [null, 8, 8, 32], or use a Concatenate to stack the channels',
    );
    expect(ourError('Average', {}, [[null, 10], [null, 2, 5]])?.message).toBe(
      'Average needs all inputs to have the same shape but got [null, 10] (input 1) and [null, 2, 5] (input 2): reshape one branch to match (Reshape, Flatten or Dense), or use a Concatenate',
    );
  });

  it('says which Concatenate dimensions disagree', () => {
    expect(ourError('Concatenate', {}, [[null, 8, 8, 3], [null, 4, 4, 3]])?.message).toBe(
      'Concatenate joins along axis -1, so every other dimension must agree, but got [null, 8, 8, 3] (input 1) and [null, 4, 4, 3] (input 2): resize one branch (pooling, Reshape or Dense), or Flatten both first',
    );
    expect(ourError('Concatenate', {}, [[null, 10], [null, 4, 4]])?.message).toBe(
      'Concatenate needs inputs with the same number of dimensions but got [null, 10] (input 1) and [null, 4, 4] (input 2): insert a Flatten on the branches with more dimensions, or a Reshape',
    );
    expect(ourError('Concatenate', { axis: 0 }, [[null, 10], [null, 4]])).toMatchObject({
      message: 'Concatenate axis 0 does not exist in its inputs [null, 10] (or is the batch axis): use -1 for the last axis',
      fix: { kind: 'set-param', param: 'axis', value: -1 },
    });
  });
});
