import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../document/builder.ts';
import { buildModel } from './build-model.ts';
import { compile } from './compile.ts';

describe('buildModel', () => {
  it('builds the Fashion-MNIST MLP with the shapes and parameter counts analysis predicted', () => {
    const b = new GraphBuilder('mlp');
    const x = b.add('Input', { shape: [28, 28] });
    b.sequence(x, [['Flatten'], ['Dense', { units: 300, activation: 'relu' }], ['Dense', { units: 100, activation: 'relu' }], ['Dense', { units: 10, activation: 'softmax' }]]);
    const result = compile(b.build());
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const model = buildModel(tf, result.spec);
    expect(model.countParams()).toBe(266_610);
    expect(model.layers.map((l) => l.name)).toEqual(['input_1', 'flatten_1', 'dense_1', 'dense_2', 'dense_3']);
    expect(model.layers.map((l) => l.countParams())).toEqual(result.spec.layers.map((l) => l.params));
    expect(model.outputs[0].shape).toEqual([null, 10]);
    model.dispose();
  });
});
