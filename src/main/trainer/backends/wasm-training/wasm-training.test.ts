/**
 * The wasm backend's training kernels against the cpu backend's: the same
 * gradients (within 1e-4) for convolutions of every kind the catalog can
 * make, max pooling (ties included) and embedding lookups.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installGradients } from '../gradients.ts';
import { loadWasm } from '../wasm.ts';
import { installWasmTrainingKernels } from './index.ts';

beforeAll(async () => {
  await loadWasm();
  installGradients(tf as never);
});

/** Runs `f` on a backend and returns its results as plain arrays. */
async function on<T extends tf.Tensor[]>(backend: 'cpu' | 'wasm', f: () => T): Promise<number[][]> {
  await tf.setBackend(backend);
  const out = tf.tidy(f);
  const values = await Promise.all(out.map(async (t) => Array.from(await t.data())));
  tf.dispose(out);
  return values;
}

/** Seeded values in [-1, 1): the same on every backend. */
const values = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, 'float32', seed);

async function expectSameOnBoth(f: () => tf.Tensor[]): Promise<number[][]> {
  const cpu = await on('cpu', f);
  const wasm = await on('wasm', f);
  expect(wasm.map((v) => v.length)).toEqual(cpu.map((v) => v.length));
  const worst = Math.max(...cpu.flatMap((v, i) => v.map((c, j) => Math.abs(c - wasm[i][j]))));
  expect(worst).toBeLessThan(1e-4);
  // A gradient of zeros would pass too; these are not.
  for (const v of cpu) expect(Math.max(...v.map(Math.abs))).toBeGreaterThan(1e-3);
  return cpu;
}

interface ConvCase {
  readonly name: string;
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly strides: number | [number, number];
  readonly pad: 'same' | 'valid';
  readonly dilations?: number | [number, number];
}

const CONVS: readonly ConvCase[] = [
  { name: '3×3 valid, one channel in', x: [2, 8, 8, 1], filter: [3, 3, 1, 4], strides: 1, pad: 'valid' },
  { name: '5×5 same, several channels', x: [2, 9, 7, 3], filter: [5, 5, 3, 4], strides: 1, pad: 'same' },
  { name: '3×3 stride 2 same, odd size', x: [2, 9, 9, 3], filter: [3, 3, 3, 2], strides: 2, pad: 'same' },
  { name: '3×3 stride 2 valid, even size (a row never read)', x: [3, 10, 10, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'valid' },
  { name: '4×2 strides [2, 3] same', x: [2, 11, 12, 5], filter: [4, 2, 5, 3], strides: [2, 3], pad: 'same' },
  { name: '2×2 stride 2 valid', x: [2, 6, 6, 4], filter: [2, 2, 4, 3], strides: 2, pad: 'valid' },
  { name: '3×3 dilation 2 same', x: [2, 9, 9, 2], filter: [3, 3, 2, 3], strides: 1, pad: 'same', dilations: 2 },
  { name: '3×3 dilation [1, 3] valid', x: [2, 7, 12, 2], filter: [3, 3, 2, 2], strides: 1, pad: 'valid', dilations: [1, 3] },
  { name: 'Conv1D as tfjs runs it: 1×5, stride 2, same', x: [2, 1, 17, 3], filter: [1, 5, 3, 4], strides: [1, 2], pad: 'same' },
];

// The filter and max-pooling gradients have two implementations: Netwright's own wasm kernels, and the composed ones that serve where those cannot be bound.
for (const native of [true, false]) {
  describe(native ? 'with Netwright’s wasm kernels' : 'with the composed kernels', () => {
    beforeAll(async () => {
      expect(await installWasmTrainingKernels(tf as never, { native })).toBe(native);
    });

  describe('convolution gradients on wasm equal the cpu backend’s', () => {
    it.each(CONVS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      await expectSameOnBoth(() => {
        const x = values(c.x, 1);
        const w = values(c.filter, 2);
        const probe = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad, 'NHWC', c.dilations ?? 1);
        const weights = values(probe.shape, 3);
        // Σ weights·y makes dy = weights: every output position gets a different gradient.
        const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad, 'NHWC', c.dilations ?? 1), weights));
        const [dx, dw] = tf.grads(loss)([x, w]);
        return [dx, dw];
      });
    });

    it('reads a dilated filter’s gradient at its taps of the spread filter', async () => {
      // Independent check of the dilated rule: the same convolution with zeros written into the filter, through tfjs' own undilated gradient.
      const [dilated, spread] = await on('cpu', () => {
        const x = values([2, 9, 9, 2], 1);
        const w = values([3, 3, 2, 3], 2);
        const dy = values([2, 9, 9, 3], 3);
        const gDilated = tf.grad((f: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'same', 'NHWC', 2), dy)))(w);
        const mask = tf.buffer([5, 5, 2, 3]);
        const spreadW = tf.tidy(() => {
          const b = tf.buffer([5, 5, 2, 3]);
          const wv = w.arraySync() as number[][][][];
          for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let a = 0; a < 2; a++) for (let o = 0; o < 3; o++) {
            b.set(wv[i][j][a][o], 2 * i, 2 * j, a, o);
            mask.set(1, 2 * i, 2 * j, a, o);
          }
          return b.toTensor();
        });
        const gSpread = tf.grad((f: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'same'), dy)))(spreadW);
        const atTaps = tf.stridedSlice(gSpread, [0, 0, 0, 0], [5, 5, 2, 3], [2, 2, 1, 1]);
        return [gDilated, atTaps];
      });
      expect(dilated.length).toBe(3 * 3 * 2 * 3);
      dilated.forEach((v, i) => expect(v).toBeCloseTo(spread[i], 4));
    });

    it('trains a dilated Conv1D without an activation (tfjs fuses its bias there)', async () => {
      await expectSameOnBoth(() => {
        const layer = tf.layers.conv1d({ filters: 3, kernelSize: 3, dilationRate: 2, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) });
        const x = values([2, 12, 2], 5);
        tf.dispose(layer.apply(x) as tf.Tensor);
        const { grads } = tf.variableGrads(() => tf.sum(tf.square(layer.apply(x) as tf.Tensor)) as tf.Scalar, layer.trainableWeights.map((w) => w.read() as tf.Variable));
        const out = Object.values(grads);
        layer.dispose();
        return out;
      });
    });
  });

  describe('sums over all but the last axis and ReLU’s gradient on wasm equal the cpu backend’s', () => {
    it.each([
      ['a conv bias gradient, [4, 5, 5, 6] → [6]', [4, 5, 5, 6], [0, 1, 2], false],
      ['a dense bias gradient with kept dims, [7, 3] → [1, 3]', [7, 3], [0], true],
      ['one axis of three: wasm’s own Sum', [2, 3, 4], [1], false],
    ] as const)('%s', async (_name, shape, axes, keepDims) => {
      await expectSameOnBoth(() => [tf.sum(values([...shape], 1), [...axes], keepDims)]);
    });

    it('passes dy where x > 0, none at 0 or below, and NaN where x is NaN', async () => {
      const [grad] = await expectSameOnBoth(() => {
        const x = tf.concat([values([4, 5], 1).reshape([20]), tf.tensor1d([0, -0, 2, -3])]);
        return [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.relu(a), tf.range(1, 25))))(x)];
      });
      expect(grad.slice(20)).toEqual([0, 0, 23, 0]);
      const withNan = await on('wasm', () => [tf.grad((a: tf.Tensor) => tf.sum(tf.relu(a)))(tf.tensor1d([NaN, 1, -1, NaN, 2]))]);
      expect(withNan[0]).toEqual([NaN, 1, 0, NaN, 1]);
    });
  });

  describe('max-pooling gradient on wasm equals the cpu backend’s', () => {
    const pool = (x: tf.Tensor4D, size: [number, number], strides: [number, number], pad: 'same' | 'valid') => {
      const weights = values(tf.maxPool(x, size, strides, pad).shape, 3);
      return [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, strides, pad), weights)))(x)];
    };

    it.each([
      ['2×2 windows that tile the image', [2, 8, 8, 3], [2, 2], [2, 2], 'valid'],
      ['2×2 windows, an odd size leaves a row and a column out', [2, 9, 7, 2], [2, 2], [2, 2], 'valid'],
      ['3×2 windows with strides [3, 2]', [1, 9, 8, 2], [3, 2], [3, 2], 'valid'],
      ['overlapping 3×3 windows, stride 2', [2, 9, 9, 2], [3, 3], [2, 2], 'valid'],
      ['overlapping 3×3 windows, stride 1, same padding', [2, 6, 5, 2], [3, 3], [1, 1], 'same'],
      ['2×2 same padding on an odd size: border windows of negative values', [2, 7, 7, 2], [2, 2], [2, 2], 'same'],
      ['6 channels (a block of 4 and a partial one)', [2, 8, 8, 6], [2, 2], [2, 2], 'valid'],
      ['5 channels, overlapping windows with same padding', [2, 7, 6, 5], [3, 3], [2, 2], 'same'],
    ] as const)('%s', async (_name, shape, size, strides, pad) => {
      await expectSameOnBoth(() => pool(values([...shape], 1) as tf.Tensor4D, [...size], [...strides], pad));
    });

    it('gives a tie to the first position of the window, as tfjs does (ReLU zeros)', async () => {
      const grads = await expectSameOnBoth(() => pool(tf.relu(values([2, 6, 6, 4], 7)) as tf.Tensor4D, [2, 2], [2, 2], 'valid'));
      // Each window's gradient goes to one place only, even where the whole window is zero.
      expect(grads[0].filter((v) => v !== 0).length).toBe(2 * 3 * 3 * 4);
    });
  });
  });
}

describe('average-pooling gradient on wasm equals the cpu backend’s', () => {
  it.each([
    ['2×2 windows that tile the image', [2, 8, 8, 3], [2, 2], [2, 2], 'valid'],
    ['overlapping 3×3 windows, stride 2', [2, 9, 9, 2], [3, 3], [2, 2], 'valid'],
    ['2×2 same padding on an odd size (padding is not counted)', [2, 7, 7, 2], [2, 2], [2, 2], 'same'],
  ] as const)('%s', async (_name, shape, size, strides, pad) => {
    await expectSameOnBoth(() => {
      const x = values([...shape], 1) as tf.Tensor4D;
      const weights = values(tf.avgPool(x, [...size], [...strides], pad).shape, 3);
      return [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(a as tf.Tensor4D, [...size], [...strides], pad), weights)))(x)];
    });
  });
});

describe('matrix products with a transposed operand on wasm', () => {
  it.each([
    ['a dense layer’s two gradients', [32, 20], [20, 7]],
    ['one row', [1, 5], [5, 3]],
  ] as const)('%s equal the cpu backend’s', async (_name, xShape, wShape) => {
    await expectSameOnBoth(() => {
      const x = values([...xShape], 1);
      const w = values([...wShape], 2);
      const weights = values([xShape[0], wShape[1]], 3);
      return tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.matMul(a, b), weights)))([x, w]);
    });
  });

  it('keeps the shape of batched and transposed products', async () => {
    const [flat, batched] = await expectSameOnBoth(() => [
      tf.matMul(values([4, 3], 1), values([5, 4], 2), true, true),
      tf.matMul(values([1, 4, 3], 3), values([1, 5, 4], 4), true, true),
    ]);
    expect([flat.length, batched.length]).toEqual([15, 15]);
    await tf.setBackend('wasm');
    expect(tf.tidy(() => tf.matMul(values([1, 4, 3], 3), values([1, 5, 4], 4), true, true).shape)).toEqual([1, 3, 5]);
    expect(tf.tidy(() => tf.matMul(values([2, 4, 3], 3), values([2, 5, 4], 4), true, true).shape)).toEqual([2, 3, 5]);
  });
});

describe('adding a bias on wasm', () => {
  it.each([
    ['[4, 5, 6] + [6]', [4, 5, 6], [6]],
    ['[6] + [3, 6], bias first', [6], [3, 6]],
    ['2 channels, fewer than a block', [2, 3, 2], [2]],
    ['7 channels, a partial block', [3, 7], [7]],
    ['[2, 1] + [1, 3], not a bias: wasm’s own Add', [2, 1], [1, 3]],
  ] as const)('%s equals the cpu backend’s', async (_name, aShape, bShape) => {
    const [sum] = await expectSameOnBoth(() => [tf.add(values([...aShape], 1), values([...bShape], 2))]);
    expect(sum.length).toBe(tf.util.sizeFromShape(tf.broadcast_util.assertAndGetBroadcastShape([...aShape], [...bShape])));
  });
});

describe('gathering rows on wasm', () => {
  it.each([
    ['a batch of images by shuffled row numbers', () => tf.gather(values([10, 4, 4, 3], 1), tf.tensor1d([7, 2, 2, 9, 0], 'int32'))],
    ['int32 rows by a 2-D index', () => tf.gather(tf.range(0, 30, 1, 'int32').reshape([10, 3]), tf.tensor2d([[1, 2], [9, 1]], [2, 2], 'int32'))],
    ['another axis: wasm’s own Gather', () => tf.gather(values([3, 5], 1), tf.tensor1d([4, 0], 'int32'), 1)],
  ] as const)('%s equal the cpu backend’s', async (_name, f) => {
    await expectSameOnBoth(() => [tf.cast(f(), 'float32')]);
  });

  it('refuses a row number past the end, as tfjs does', async () => {
    await tf.setBackend('wasm');
    expect(() => tf.tidy(() => tf.gather(values([4, 2], 1), tf.tensor1d([1, 4], 'int32')))).toThrow('GatherV2: the index value 4 is not in [0, 3]');
  });
});

describe('clones on wasm', () => {
  it('share the memory of the original, which stays readable after the original is gone', async () => {
    await tf.setBackend('wasm');
    const original = tf.tensor1d([1, 2, 3]);
    const before = tf.memory().numDataBuffers;
    const copy = tf.clone(original);
    expect(tf.memory().numDataBuffers).toBe(before);
    original.dispose();
    expect(Array.from(await copy.data())).toEqual([1, 2, 3]);
    copy.dispose();
  });
});

describe('embedding gradient (UnsortedSegmentSum) on wasm', () => {
  it('sums the rows of repeated ids, as the cpu backend does', async () => {
    const grads = await expectSameOnBoth(() => {
      const table = values([10, 4], 1);
      const ids = tf.tensor2d([[1, 3, 3, 9], [0, 1, 1, 1]], [2, 4], 'int32');
      const weights = values([2, 4, 4], 2);
      return [tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), weights)))(table)];
    });
    // Ids 2, 4–8 never appear: their rows get nothing.
    expect(grads[0].slice(2 * 4, 3 * 4)).toEqual([0, 0, 0, 0]);
  });
});
