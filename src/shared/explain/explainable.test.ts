import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../document/builder.ts';
import type { ParamValue, TrainingSettings } from '../document/schema.ts';
import { getTemplate, TEMPLATES } from '../templates/index.ts';
import { explainable, type Explainable } from './explainable.ts';

type Layer = [kind: string, params?: Readonly<Record<string, ParamValue>>];

/** Input of `shape`, then `layers` in a chain, trained with plain SGD on one sample per step unless told. */
function chain(shape: number[], layers: Layer[], training: Partial<TrainingSettings> = {}) {
  const b = new GraphBuilder('test');
  b.sequence(b.add('Input', { shape }), layers);
  return b.withTraining({ loss: 'meanSquaredError', optimizer: 'sgd', batchSize: 1, ...training }).build();
}

function reason(result: Explainable): string {
  if (result.ok) throw new Error('expected a refusal');
  return result.reason;
}

describe('explainable', () => {
  it('accepts the XOR template, with its layers, weights, feature names and notes', () => {
    const result = explainable(getTemplate('xor-mlp')!.build());
    if (!result.ok) throw new Error(result.reason);
    expect(result.net).toEqual({
      inputs: 2,
      inputNames: ['x1', 'x2'],
      layers: [
        { nodeId: 'dense_1', name: 'dense_1', inputs: 2, units: 4, activation: 'tanh', useBias: true },
        { nodeId: 'dense_2', name: 'dense_2', inputs: 4, units: 1, activation: 'sigmoid', useBias: true },
      ],
      loss: 'binaryCrossentropy',
      weightCount: 17,
      notes: [
        'The update shown is plain gradient descent (w − η·∂L/∂w); this network trains with adam, which sizes each step from the history of the gradients.',
        'Training averages the gradients of 16 samples before each update; this step follows one sample.',
      ],
    });
  });

  it('accepts the perceptron and linear regression templates', () => {
    const perceptron = explainable(getTemplate('perceptron-and')!.build());
    expect(perceptron.ok && perceptron.net.weightCount).toBe(3);
    const regression = explainable(getTemplate('linear-regression')!.build());
    expect(regression.ok && regression.net.inputNames).toEqual(['x']);
  });

  it.each(['mnist-softmax', 'fashion-mnist-mlp', 'lenet-cnn'])('refuses %s for its number of weights', (id) => {
    expect(reason(explainable(getTemplate(id)!.build()))).toMatch(/^Explain a step works on networks of at most 64 weights; this one has [\d,]+, so use fewer inputs or units\.$/);
  });

  it('names the count: 7,850 weights for mnist-softmax', () => {
    expect(reason(explainable(getTemplate('mnist-softmax')!.build()))).toBe('Explain a step works on networks of at most 64 weights; this one has 7,850, so use fewer inputs or units.');
  });

  it('takes 64 weights and refuses 65', () => {
    expect(explainable(chain([7], [['Dense', { units: 8 }]])).ok).toBe(true);
    expect(reason(explainable(chain([4], [['Dense', { units: 13 }]])))).toBe('Explain a step works on networks of at most 64 weights; this one has 65, so use fewer inputs or units.');
  });

  it('gives every template either a net or one sentence', () => {
    for (const t of TEMPLATES) {
      const result = explainable(t.build());
      if (result.ok) expect(result.net.weightCount, t.id).toBeLessThanOrEqual(64);
      else expect(result.reason, t.id).toMatch(/^Explain a step [^.]*\.$/);
    }
  });

  it('flattens the input and counts weights without biases', () => {
    const result = explainable(chain([2, 2], [['Flatten'], ['Dense', { units: 3, useBias: false }]]));
    if (!result.ok) throw new Error(result.reason);
    expect(result.net.inputs).toBe(4);
    expect(result.net.inputNames).toEqual(['x1', 'x2', 'x3', 'x4']);
    expect(result.net.layers[0]).toMatchObject({ inputs: 4, units: 3, activation: 'linear', useBias: false });
    expect(result.net.weightCount).toBe(12);
    expect(result.net.notes).toBeUndefined();
  });

  it('skips Dropout and says so', () => {
    const result = explainable(chain([2], [['Dense', { units: 3, activation: 'relu' }], ['Dropout', { rate: 0.2 }], ['Dense', { units: 1 }]]));
    if (!result.ok) throw new Error(result.reason);
    expect(result.net.layers.map((l) => l.name)).toEqual(['dense_1', 'dense_2']);
    expect(result.net.layers[1].inputs).toBe(3);
    expect(result.net.notes).toEqual(['dropout_1 is left out: while training, Dropout zeroes a random 20 % of its inputs at each step, which this explanation does not show.']);
  });

  it('folds Activation and Softmax layers into the linear Dense before them', () => {
    const result = explainable(
      chain([2], [['Dense', { units: 2 }], ['Activation', { activation: 'tanh' }], ['Dense', { units: 3 }], ['Dropout'], ['Softmax']], { loss: 'categoricalCrossentropy' }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.net.layers.map((l) => [l.nodeId, l.activation])).toEqual([
      ['dense_1', 'tanh'],
      ['dense_2', 'softmax'],
    ]);
  });

  it('refuses an activation layer it cannot fold', () => {
    expect(reason(explainable(chain([2], [['Dense', { units: 2, activation: 'relu' }], ['Activation', { activation: 'tanh' }]])))).toBe(
      "Explain a step folds activation_1 (tanh) into dense_1 only when dense_1 is linear, but it applies relu; set dense_1's activation to tanh and delete activation_1.",
    );
    expect(reason(explainable(chain([2], [['Activation', { activation: 'tanh' }], ['Dense', { units: 1 }]])))).toBe(
      'Explain a step folds an activation layer into the Dense layer before it, but activation_1 comes before any Dense layer.',
    );
    expect(reason(explainable(chain([2], [['Dense', { units: 2 }], ['ReLU', { maxValue: 3 }]])))).toBe(
      'Explain a step knows relu capped at 6 but re_lu_1 caps it at 3; set its maximum to 0 or 6.',
    );
  });

  it('refuses layers other than Dense', () => {
    expect(reason(explainable(chain([4, 4, 1], [['Conv2D', { filters: 1, kernelSize: [2, 2] }], ['Flatten'], ['Dense', { units: 1 }]])))).toBe(
      'Explain a step works on Dense layers (with Flatten, Dropout and Activation layers between them), but conv2d_1 is a Conv2D.',
    );
  });

  it('refuses branches', () => {
    const b = new GraphBuilder('branches');
    const x = b.add('Input', { shape: [2] });
    const left = b.add('Dense', { units: 1 });
    const right = b.add('Dense', { units: 1 });
    const join = b.add('Concatenate');
    b.connect(x, left).connect(x, right).connect(left, join).connect(right, join);
    b.chain(join, b.add('Dense', { units: 1 }));
    expect(reason(explainable(b.withTraining({ loss: 'meanSquaredError' }).build()))).toBe('Explain a step works on a single chain of layers, but input_1 splits into several branches.');
  });

  it('refuses weight penalties, which the explained loss leaves out', () => {
    expect(reason(explainable(chain([2], [['Dense', { units: 1, kernelRegularizer: 'l2' }]])))).toBe(
      'Explain a step leaves weight penalties out, but dense_1 has an l2 kernel regularizer; set it to none to explain a step.',
    );
  });

  it('refuses a network with errors, and one with nothing connected', () => {
    expect(reason(explainable(chain([2, 2], [['Dense', { units: 1 }]])))).toBe('Explain a step needs a network without errors; this one has 1 error, fix it first.');
    const b = new GraphBuilder('unconnected');
    b.add('Input', { shape: [2] });
    b.add('Dense', { units: 1 });
    expect(reason(explainable(b.build()))).toBe('Explain a step needs an Input connected to Dense layers; connect input_1 to a Dense layer.');
  });
});
