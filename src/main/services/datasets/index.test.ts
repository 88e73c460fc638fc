import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { DatasetRef } from '../../../shared/document/schema.ts';
import { DatasetError, describeDataset, loadDataset } from './index.ts';

const project = mkdtempSync(join(tmpdir(), 'netwright-project-'));

/** An unsigned-byte IDX file. */
function idx(dims: number[], values: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(values, 4 + 4 * dims.length);
  return out;
}

mkdirSync(join(project, 'data'));
writeFileSync(join(project, 'data', 'iris.csv'), 'sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n4.9,1.5,setosa\n');
writeFileSync(join(project, 'data', 'train-images'), idx([3, 2, 2], [0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8]));
writeFileSync(join(project, 'data', 'train-labels'), idx([3], [2, 0, 1]));
writeFileSync(join(project, 'data', 'test-images'), idx([1, 2, 2], [9, 9, 9, 9]));
writeFileSync(join(project, 'data', 'test-labels'), idx([1], [3]));
writeFileSync(join(project, 'data', 'short-labels'), idx([2], [0, 1]));
for (const cls of ['a', 'b']) {
  mkdirSync(join(project, 'pics', cls), { recursive: true });
  writeFileSync(join(project, 'pics', cls, '1.png'), pngjs.PNG.sync.write(new pngjs.PNG({ width: 3, height: 3 })));
}

const refs: Record<string, DatasetRef> = {
  builtin: { kind: 'builtin', name: 'fashion-mnist', trainSubset: 30, testSubset: 10 },
  generated: { kind: 'generated', name: 'xor', samples: 100, noise: 0, trainRatio: 0.8, seed: 3 },
  csv: { kind: 'csv', path: 'data/iris.csv', target: 'species', scaling: 'standard', task: 'classification', testRatio: 0.25 },
  idx: { kind: 'idx', trainImages: 'data/train-images', trainLabels: 'data/train-labels', testImages: 'data/test-images', testLabels: 'data/test-labels' },
  images: { kind: 'images', folder: 'pics', width: 5, height: 4, grayscale: true, testRatio: 0 },
};

describe('loadDataset', () => {
  it('dispatches on the kind and reads relative paths from the project folder', async () => {
    const sizes: Record<string, unknown> = {};
    for (const [kind, ref] of Object.entries(refs)) {
      const d = await loadDataset(ref, { baseDir: project });
      const width = d.info.inputShape.reduce((a, b) => a * b, 1);
      expect(d.xTrain.length).toBe(d.info.trainCount * width);
      expect(d.yTrain.length).toBe(d.info.trainCount * d.info.targetSize);
      expect(d.xTest.length).toBe(d.info.testCount * width);
      sizes[kind] = [d.info.inputShape, d.info.numClasses, d.info.trainCount, d.info.testCount];
    }
    expect(sizes).toEqual({
      builtin: [[28, 28], 10, 30, 10],
      generated: [[2], 2, 80, 20],
      csv: [[2], 3, 3, 1],
      idx: [[2, 2], 4, 3, 1],
      images: [[4, 5, 1], 2, 2, 0],
    });
  });

  it('scales IDX bytes to 0–1 and numbers classes up to the largest label', async () => {
    const d = await loadDataset(refs.idx, { baseDir: project });
    expect(Array.from(d.xTrain.subarray(0, 4))).toEqual([0, 1, Math.fround(0.2), Math.fround(0.4)]);
    expect(Array.from(d.yTrain)).toEqual([2, 0, 1]);
    expect(Array.from(d.yTest)).toEqual([3]);
    expect(d.info.classNames).toEqual(['0', '1', '2', '3']);
  });

  it('reports progress up to 1', async () => {
    const seen: number[] = [];
    await loadDataset(refs.csv, { baseDir: project, onProgress: (f) => seen.push(f) });
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('rejects IDX images and labels of different counts', async () => {
    const ref: DatasetRef = { kind: 'idx', trainImages: 'data/train-images', trainLabels: 'data/short-labels' };
    await expect(loadDataset(ref, { baseDir: project })).rejects.toThrow(
      'train-images holds 3 images but short-labels holds 2 labels; they must match one to one. Are they from the same set?',
    );
  });

  it('turns every failure into a DatasetError', async () => {
    const ref: DatasetRef = { ...refs.csv, path: 'data/nope.csv' } as DatasetRef;
    const error = await loadDataset(ref, { baseDir: project }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toBe(`Cannot read ${join(project, 'data', 'nope.csv')}: the file does not exist.`);
    const half: DatasetRef = { kind: 'idx', trainImages: 'data/train-images', trainLabels: 'data/train-labels', testImages: 'data/test-images' };
    await expect(loadDataset(half, { baseDir: project })).rejects.toThrow('names a test images file but no test labels file; give both or neither.');
  });
});

describe('describeDataset', () => {
  it('gives the same description as loading, for every kind', async () => {
    for (const ref of Object.values(refs)) {
      const loaded = await loadDataset(ref, { baseDir: project });
      expect(await describeDataset(ref, { baseDir: project })).toEqual(loaded.info);
    }
  });
});
