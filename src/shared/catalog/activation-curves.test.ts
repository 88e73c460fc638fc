import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationCurve } from './activation-curves.ts';
import { ACTIVATIONS } from './common.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Points on both sides of every kink (0, ±2.5, 6), none on one.
const XS = [-5, -3.1, -2.4, -1.3, -0.6, -0.05, 0.07, 0.4, 1.1, 2.2, 2.6, 3.7, 5.5, 6.3];

describe('activation curves', () => {
  it.each(ACTIVATIONS.filter((a) => a !== 'softmax'))('%s and its derivative match tfjs and its gradient', (name) => {
    const curve = activationCurve(name, XS)!;
    const layer = tf.layers.activation({ activation: name as never });
    const f = (x: tf.Tensor) => layer.apply(x) as tf.Tensor;
    const x = tf.tensor1d(XS);
    const y = f(x).arraySync() as number[];
    const dy = tf.grad((t: tf.Tensor) => f(t).sum())(x).arraySync() as number[];
    for (let i = 0; i < XS.length; i++) {
      expect(curve.y[i], `${name}(${XS[i]})`).toBeCloseTo(y[i], 4);
      expect(curve.dy[i], `${name}'(${XS[i]})`).toBeCloseTo(dy[i], 4);
    }
  });

  it('has no curve of one number for softmax, nor for an unknown name', () => {
    expect(activationCurve('softmax', [0])).toBeNull();
    expect(activationCurve('constructor', [0])).toBeNull();
  });
});
