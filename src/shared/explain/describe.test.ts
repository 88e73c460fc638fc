import { describe, expect, it } from 'vitest';
import { describeStage, explainStages, formatNumber } from './describe.ts';
import { forwardBackward } from './forward-backward.ts';
import type { ExplainNet } from './types.ts';

// The 2-2-1 sigmoid network of forward-backward.test.ts, whose numbers are worked by hand there.
const net: ExplainNet = {
  inputs: 2,
  inputNames: ['x1', 'x2'],
  layers: [
    { nodeId: 'h', name: 'hidden', inputs: 2, units: 2, activation: 'sigmoid', useBias: true },
    { nodeId: 'o', name: 'out', inputs: 2, units: 1, activation: 'sigmoid', useBias: true },
  ],
  loss: 'meanSquaredError',
  weightCount: 9,
};
const trace = forwardBackward(net, [{ kernel: [[0.15, 0.25], [0.2, 0.3]], bias: [0.35, 0.35] }, { kernel: [[0.4], [0.45]], bias: [0.6] }], [0.05, 0.1], 0.01, 0.5);

describe('explainStages', () => {
  it('goes forward, to the loss, back from the last layer, then updates each layer', () => {
    expect(explainStages(net)).toEqual([
      { kind: 'forward', layer: 0 },
      { kind: 'forward', layer: 1 },
      { kind: 'loss' },
      { kind: 'backward', layer: 1 },
      { kind: 'backward', layer: 0 },
      { kind: 'update', layer: 0 },
      { kind: 'update', layer: 1 },
    ]);
  });
});

describe('formatNumber', () => {
  it.each([
    [0.3775, '0.3775'],
    [0.593269992, '0.5933'],
    [2, '2'],
    [0.05, '0.05'],
    [-1.23456, '−1.235'],
    [0, '0'],
    [1.23456e-5, '1.235e-5'],
    [-2.5e-8, '−2.5e-8'],
    [1234567, '1.235e6'],
  ])('writes %s as %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('describeStage', () => {
  it('works out one unit of the forward pass and lists the rest', () => {
    expect(describeStage(net, trace, { kind: 'forward', layer: 0 })).toBe(
      'Unit 1 of hidden weighs the inputs x1, x2: z = 0.15·0.05 + 0.2·0.1 + 0.35 = 0.3775, a = sigmoid(z) = 0.5933. Both units: z = [0.3775, 0.3925], a = [0.5933, 0.5969].',
    );
    expect(describeStage(net, trace, { kind: 'forward', layer: 0 }, 1)).toMatch(/^Unit 2 of hidden weighs the inputs x1, x2: z = 0\.25·0\.05 \+ 0\.3·0\.1 \+ 0\.35 = 0\.3925, a = sigmoid\(z\) = 0\.5969\./);
    expect(describeStage(net, trace, { kind: 'forward', layer: 1 })).toBe('Unit 1 of out weighs the outputs of hidden: z = 0.4·0.5933 + 0.45·0.5969 + 0.6 = 1.106, a = sigmoid(z) = 0.7514.');
  });

  it('states the loss with its formula', () => {
    expect(describeStage(net, trace, { kind: 'loss' })).toBe(
      'The output [0.7514] is compared with the target [0.01]: meanSquaredError is the mean of (a − t)² over the output units, here 0.5496. Training lowers this number.',
    );
  });

  it('walks the gradient back with a worked weight', () => {
    expect(describeStage(net, trace, { kind: 'backward', layer: 1 })).toBe(
      'Back through out: the loss gives ∂L/∂a = [1.483]; times sigmoid′(z) that gives ∂L/∂z = [0.277]. Each weight’s gradient is its input times its unit’s ∂L/∂z, e.g. ∂L/∂w₁₁ = 0.5933·0.277 = 0.1643, and each bias’s gradient is its unit’s ∂L/∂z.',
    );
    expect(describeStage(net, trace, { kind: 'backward', layer: 0 })).toContain('adds up the ∂L/∂z of out weighted by its outgoing weights, [0.1108, 0.1246]; times sigmoid′(z) that gives ∂L/∂z = [0.02674, 0.02999]');
  });

  it('shows the update of one weight and the largest step', () => {
    expect(describeStage(net, trace, { kind: 'update', layer: 1 })).toBe(
      'Each weight of out steps against its gradient, w ← w − η·∂L/∂w with η = 0.5: w₁₁ = 0.4 − 0.5·0.1643 = 0.3178. No weight of this layer moves by more than 0.1385.',
    );
  });

  it('brackets negative factors and explains softmax with cross-entropy', () => {
    const softmax: ExplainNet = { inputs: 2, inputNames: ['x1', 'x2'], layers: [{ nodeId: 'o', name: 'out', inputs: 2, units: 3, activation: 'softmax', useBias: false }], loss: 'sparseCategoricalCrossentropy', weightCount: 6 };
    const t = forwardBackward(softmax, [{ kernel: [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], bias: [] }], [1, -2], 2, 0.1);
    expect(describeStage(softmax, t, { kind: 'forward', layer: 0 }, 1)).toMatch(/^Unit 2 of out weighs the inputs x1, x2: z = −0\.2·1 \+ 0\.5·\(−2\) = −1\.2, a = softmax\(z\) = /);
    expect(describeStage(softmax, t, { kind: 'backward', layer: 0 })).toContain('(with cross-entropy that is simply a − target)');
  });
});
