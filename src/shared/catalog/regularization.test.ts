import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParamValue } from '../document/schema.ts';
import { getLayerDef } from './index.ts';
import { resolveParams } from './params.ts';
import { ourFacts, tfjsFacts } from './tfjs-reference.ts';
import type { Shape } from './types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Case = [kind: string, params: Record<string, ParamValue>, inputs: Shape[]];

const cases: Case[] = [
  ['Dropout', {}, [[null, 10]]],
  ['Dropout', { rate: 0.2 }, [[null, 8, 8, 3]]],
  ['GaussianNoise', { stddev: 0.5 }, [[null, 4, 6]]],
];

describe('regularization layers', () => {
  it.each(cases)('%s %j on %j matches tfjs', (kind, params, inputs) => {
    expect(ourFacts(kind, params, inputs)).toEqual(tfjsFacts(tf, kind, params, inputs));
  });

  it('refuses a dropout rate of 1, which would drop everything', () => {
    const { problems } = resolveParams(getLayerDef('Dropout')!, { rate: 1 });
    expect(problems).toEqual([{ param: 'rate', message: 'expected a number from 0 to 0.99, got 1' }]);
  });
});
