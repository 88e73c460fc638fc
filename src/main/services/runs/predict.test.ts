import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xorMlp } from '../../../shared/templates/xor-mlp.ts';
import { trainInProcess } from '../../trainer/testing.ts';
import { ModelCache } from './predict.ts';

let dir: string;
const cache = new ModelCache();
const CORNERS = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-predict-'));
  const run = trainInProcess(xorMlp.build(), { backend: 'cpu' }, { options: { saveDir: join(dir, 'model') } });
  expect((await run.done).reason).toBe('completed');
}, 60_000);
afterAll(async () => {
  await cache.clear();
  await rm(dir, { recursive: true, force: true });
});

describe('predicting with a saved run', () => {
  it('loads model.json + weights.bin on the cpu backend and classifies XOR', async () => {
    const result = await cache.predict('xor', join(dir, 'model'), CORNERS);
    if (!result.ok) throw new Error(result.message);
    expect(result.outputs).toHaveLength(4);
    expect(result.outputs.every((row) => row.length === 1)).toBe(true);
    expect(result.outputs.map(([p]) => (p > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
    expect(result.outputs[0][0]).toBeLessThan(0.2);
    expect(result.outputs[1][0]).toBeGreaterThan(0.8);
    // The cached model answers the same.
    expect(await cache.predict('xor', join(dir, 'model'), CORNERS)).toEqual(result);
  });

  it('says what is wrong with inputs of the wrong length', async () => {
    expect(await cache.predict('xor', join(dir, 'model'), [[0, 1], [1, 2, 3]])).toEqual({
      ok: false,
      message: 'Input row 2 has 3 values; the model expects 2 (shape [2]).',
    });
  });

  it('says so when a run has no weights, and reloads after an eviction', async () => {
    expect(await cache.predict('none', join(dir, 'missing'), CORNERS)).toEqual({
      ok: false,
      message: 'This run has no saved weights: it ended before the trainer could save the model.',
    });
    await cache.evict('xor');
    expect(await cache.predict('xor', join(dir, 'model'), [[1, 0]])).toMatchObject({ ok: true, outputs: [[expect.any(Number)]] });
  });
});
