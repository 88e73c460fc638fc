import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetRef } from '../../../shared/document/schema.ts';
import type { DatasetPreview } from '../../../shared/protocol/training-api.ts';
import { previewDataset } from './preview.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-preview-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function preview<K extends DatasetPreview['kind']>(ref: DatasetRef, kind: K): Promise<Extract<DatasetPreview, { kind: K }>> {
  const result = await previewDataset(ref, { baseDir: dir });
  if (!result.ok) throw new Error(result.message);
  expect(result.preview.kind).toBe(kind);
  return result.preview as Extract<DatasetPreview, { kind: K }>;
}

describe('dataset previews', () => {
  it('shows the first 32 MNIST digits as bytes with their labels, quickly, and describes the whole set', async () => {
    const started = performance.now();
    const p = await preview({ kind: 'builtin', name: 'mnist' }, 'images');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(p).toMatchObject({ width: 28, height: 28, channels: 1, info: { trainCount: 60_000, testCount: 10_000, numClasses: 10 } });
    expect(p.samples).toHaveLength(32);
    // The first MNIST training labels are well known: 5, 0, 4, 1, 9, 2.
    expect(p.samples.slice(0, 6).map((s) => s.label)).toEqual([5, 0, 4, 1, 9, 2]);
    for (const s of p.samples) {
      expect(s.pixels).toHaveLength(784);
      expect(Math.max(...s.pixels)).toBeGreaterThan(200);
      expect(s.pixels.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true);
    }
  });

  it('keeps the labels of an autoencoder set and previews Fashion-MNIST with class names', async () => {
    const auto = await preview({ kind: 'builtin', name: 'mnist', autoencode: true, trainSubset: 100 }, 'images');
    expect(auto.info).toMatchObject({ task: 'regression', trainCount: 100 });
    expect(auto.samples[0].label).toBe(5);
    const fashion = await preview({ kind: 'builtin', name: 'fashion-mnist' }, 'images');
    expect(fashion.samples).toHaveLength(32);
    expect(fashion.samples.slice(0, 10).map((s) => s.label)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fashion.info.classNames?.[9]).toBe('Ankle boot');
  });

  it('plots raw x1/x2 of a 2-D set, not its derived features, capped at 1,000 training and 500 test points', async () => {
    const p = await preview({ kind: 'generated', name: 'xor', samples: 200, noise: 0, trainRatio: 0.8, seed: 1, features: ['x1sq', 'x1x2'] }, 'points');
    expect(p.axes).toEqual(['x1', 'x2']);
    expect(p.info.inputShape).toEqual([4]);
    expect(p.train).toHaveLength(160);
    expect(p.test).toHaveLength(40);
    for (const pt of [...p.train, ...p.test]) {
      expect([0, 1]).toContain(pt.x);
      expect([0, 1]).toContain(pt.y);
      expect(pt.label).toBe(pt.x === pt.y ? 0 : 1);
    }
    const big = await preview({ kind: 'generated', name: 'spiral', samples: 5000, noise: 0.1, trainRatio: 0.5, seed: 3 }, 'points');
    expect([big.train.length, big.test.length]).toEqual([1000, 500]);
  });

  it('plots a 1-D regression set as x against its target', async () => {
    const p = await preview({ kind: 'generated', name: 'linear', samples: 100, noise: 0, trainRatio: 0.8, seed: 2 }, 'points');
    expect(p.axes).toEqual(['x', 'y']);
    for (const pt of p.train) {
      expect(pt.y).toBeCloseTo(2 * pt.x + 1, 5);
      expect(pt.label).toBe(pt.y);
    }
  });

  it('shows a CSV table with column figures and the loaded description', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i % 2 ? 'red' : 'blue'},${i * 2}`);
    await writeFile(join(dir, 'data.csv'), ['x,colour,y', ...rows].join('\n'));
    const p = await preview({ kind: 'csv', path: 'data.csv', target: 'y', scaling: 'standard', task: 'regression', testRatio: 0.2 }, 'table');
    expect(p).toMatchObject({ name: 'data.csv', headers: ['x', 'colour', 'y'], rowCount: 30, info: { task: 'regression', trainCount: 24, testCount: 6 } });
    expect(p.rows).toHaveLength(20);
    expect(p.rows[3]).toEqual(['3', 'red', '6']);
    expect(p.columns[0]).toMatchObject({ name: 'x', type: 'numeric', min: 0, max: 29 });
    expect(p.columns[1]).toMatchObject({ type: 'categorical', distinct: 2 });
  });

  it('says what is wrong with bad data, with the line', async () => {
    await writeFile(join(dir, 'bad.csv'), 'x,y\n1,2\n3,4\n5,6\n7,8\nnine,10\n');
    const bad = await previewDataset({ kind: 'csv', path: 'bad.csv', target: 'y', scaling: 'none', task: 'regression', testRatio: 0 }, { baseDir: dir });
    expect(bad).toMatchObject({ ok: true, preview: { kind: 'table', info: null, problem: expect.stringMatching(/^bad\.csv.*line 6/), headers: ['x', 'y'], rowCount: 5 } });
    const noTarget = await previewDataset({ kind: 'csv', path: 'bad.csv', target: 'label', scaling: 'none', task: 'regression', testRatio: 0 }, { baseDir: dir });
    expect(noTarget).toMatchObject({ ok: true, preview: { kind: 'table', info: null, problem: expect.stringContaining('"label"'), headers: ['x', 'y'] } });
    const ragged = await previewDataset({ kind: 'csv', path: 'ragged.csv', target: 'y', scaling: 'none', task: 'regression', testRatio: 0 }, { baseDir: dir });
    expect(ragged).toEqual({ ok: false, message: expect.stringContaining('ragged.csv') });
    const feature = await previewDataset({ kind: 'generated', name: 'linear', samples: 10, noise: 0, trainRatio: 0.8, seed: 1, features: ['x2sq'] }, { baseDir: dir });
    expect(feature).toEqual({ ok: false, message: expect.stringContaining('has one input') });
  });
});
