import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchPoint, TrainerEvent } from '../../../shared/protocol/trainer.ts';
import type { RunRecord } from '../../../shared/protocol/training-api.ts';
import { xorMlp } from '../../../shared/templates/xor-mlp.ts';
import { BatchCurve, MAX_BATCH_POINTS } from './batch-curve.ts';
import { newRunId } from './ids.ts';
import { RunRecorder } from './recorder.ts';
import { ORPHAN_MESSAGE, RunStore } from './store.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-runs-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const doc = xorMlp.build();

function fresh(id: string, startedAt: string): RunRecord {
  return {
    id, title: 'XOR MLP', projectPath: null, startedAt, endedAt: null, status: 'starting', epochsCompleted: 0, epochs: 3,
    backend: null, device: null, last: null, test: null, message: null, hasWeights: false,
    doc, settings: doc.training, datasetInfo: null, dataset: doc.dataset, skipped: [], epochRecords: [], batches: [],
    lastSnapshot: null, lastBoundary: null, evaluation: null, alerts: [],
  };
}

const point = (step: number, loss: number): BatchPoint => ({ step, epoch: 1, batch: step, loss, metrics: { accuracy: loss / 10 } });

/** The events of a short, finished run. */
const RUN: TrainerEvent[] = [
  { type: 'status', state: 'loading' },
  { type: 'ready', backend: 'cpu', device: 'CPU (plain JavaScript, one thread)', skipped: [{ backend: 'wasm', reason: 'not wanted' }], tfVersion: '4.22.0', dataset: { title: 'XOR', task: 'classification', inputShape: [2], numClasses: 2, targetSize: 1, trainCount: 160, testCount: 40, isImage: false }, trainSamples: 160, valSamples: 0, batchesPerEpoch: 10, epochs: 3, params: 17 },
  { type: 'status', state: 'running' },
  { type: 'batchMetrics', points: [point(1, 0.7), point(2, 0.6)] },
  { type: 'epochMetrics', epochs: [{ epoch: 1, loss: 0.65, metrics: { accuracy: 0.5 }, learningRate: 0.05, seconds: 0.1 }] },
  { type: 'status', state: 'paused' },
  { type: 'status', state: 'running' },
  { type: 'epochMetrics', epochs: [{ epoch: 2, loss: 0.4, metrics: { accuracy: 0.8 }, learningRate: 0.05, seconds: 0.1 }, { epoch: 3, loss: 0.2, metrics: { accuracy: 1 }, learningRate: 0.05, seconds: 0.1 }] },
  { type: 'alert', kind: 'vanishing', layer: 'dense_1', epoch: 2, batch: 3, message: 'small gradients', fatal: false },
  { type: 'evaluation', split: 'test', samples: 40, loss: 0.21, metrics: { accuracy: 1 }, predictions: [] },
  { type: 'savedModel', dir: '/x/model', files: ['/x/model/model.json', '/x/model/weights.bin'], bytes: 400 },
  { type: 'exit', reason: 'completed', message: 'Completed 3 epochs in 1 s.', epochsCompleted: 3 },
];

describe('run recorder', () => {
  it('folds trainer events into the record the runs list and dashboard need', () => {
    const recorder = new RunRecorder(fresh('r1', '2026-01-01T00:00:00.000Z'));
    const statuses: string[] = [];
    for (const e of RUN) {
      recorder.fold(e);
      statuses.push(recorder.status);
    }
    expect(statuses).toEqual(['starting', 'starting', 'running', 'running', 'running', 'paused', 'running', 'running', 'running', 'running', 'running', 'completed']);
    const r = recorder.snapshot();
    expect(r).toMatchObject({ backend: 'cpu', device: 'CPU (plain JavaScript, one thread)', epochsCompleted: 3, epochs: 3, hasWeights: true, message: 'Completed 3 epochs in 1 s.', test: { loss: 0.21, metrics: { accuracy: 1 } } });
    expect(r.last?.epoch).toBe(3);
    expect(r.epochRecords.map((e) => e.loss)).toEqual([0.65, 0.4, 0.2]);
    expect(r.batches.map((b) => b.loss)).toEqual([0.7, 0.6]);
    expect(r.skipped).toEqual([{ backend: 'wasm', reason: 'not wanted' }]);
    expect(r.alerts).toHaveLength(1);
    expect(r.endedAt).not.toBeNull();
  });

  it('keeps at most 2,000 batch points, evenly covering a long run', () => {
    const curve = new BatchCurve();
    for (let step = 1; step <= 50_000; step++) curve.add(point(step, step));
    const values = curve.values();
    expect(values.length).toBeLessThanOrEqual(MAX_BATCH_POINTS);
    expect(values.length).toBeGreaterThan(MAX_BATCH_POINTS / 2);
    expect(values.at(-1)!.step).toBe(50_000);
    // Each kept point is the mean of the steps it stands for, so the curve still reads loss = step.
    for (const p of values) expect(Math.abs(p.loss - p.step)).toBeLessThan(50_000 / values.length);
    const gaps = values.slice(1, -1).map((p, i) => p.step - values[i].step);
    expect(new Set(gaps).size).toBe(1);
  });
});

describe('run store', () => {
  it('writes, reads and lists runs newest first', async () => {
    const store = new RunStore(join(dir, 'runs'));
    const older = new RunRecorder(fresh(newRunId(new Date('2026-01-01T10:00:00Z')), '2026-01-01T10:00:00.000Z'));
    const newer = new RunRecorder(fresh(newRunId(new Date('2026-01-02T10:00:00Z')), '2026-01-02T10:00:00.000Z'));
    for (const e of RUN) older.fold(e);
    await store.write(older.snapshot());
    await store.write(newer.snapshot());
    expect(older.id).toMatch(/^20260101-100000-[0-9a-f]{6}$/);
    const list = await store.list();
    expect(list.map((s) => s.id)).toEqual([newer.id, older.id]);
    expect(list[1]).toMatchObject({ status: 'completed', epochsCompleted: 3, hasWeights: true });
    expect(list[1]).not.toHaveProperty('doc');
    expect(await store.read(older.id)).toEqual(older.snapshot());
    const onDisk = JSON.parse(await readFile(join(dir, 'runs', older.id, 'run.json'), 'utf8'));
    expect(onDisk.hostPid).toBe(process.pid);
    await store.delete(older.id);
    expect((await store.list()).map((s) => s.id)).toEqual([newer.id]);
    expect(await store.read(older.id)).toBeNull();
  });

  it('turns runs left going by a dead host into crashed runs, and leaves another live host alone', async () => {
    const runs = join(dir, 'runs');
    const orphan = fresh('orphan', '2026-01-01T00:00:00.000Z');
    const mine = fresh('mine', '2026-01-02T00:00:00.000Z');
    const other = fresh('other', '2026-01-03T00:00:00.000Z');
    // A pid far above Linux's default pid_max: no process has it.
    for (const [record, hostPid] of [[{ ...orphan, status: 'running', epochsCompleted: 2 }, 4_000_000], [mine, process.pid], [other, process.ppid]] as const) {
      await mkdir(join(runs, record.id), { recursive: true });
      await writeFile(join(runs, record.id, 'run.json'), JSON.stringify({ ...record, hostPid }));
    }
    await mkdir(join(runs, 'orphan', 'model'));
    await writeFile(join(runs, 'orphan', 'model', 'model.json'), '{}');
    await writeFile(join(runs, 'orphan', 'model', 'weights.bin'), '');
    const store = new RunStore(runs, (id) => id === 'mine');
    const list = await store.list();
    expect(list.map((s) => [s.id, s.status])).toEqual([['other', 'starting'], ['mine', 'starting'], ['orphan', 'crashed']]);
    expect(list[2]).toMatchObject({ message: ORPHAN_MESSAGE, epochsCompleted: 2, hasWeights: true, endedAt: expect.any(String) });
    // Written back, so the next host start finds it crashed too.
    expect(JSON.parse(await readFile(join(runs, 'orphan', 'run.json'), 'utf8'))).toMatchObject({ status: 'crashed' });
    // The same process after a restart of its store: its own unfinished run is an orphan now.
    const restarted = new RunStore(runs);
    expect(await restarted.read('mine')).toMatchObject({ status: 'crashed', hasWeights: false });
  });

  it('ignores folders that are not runs and refuses ids that are not', async () => {
    const store = new RunStore(join(dir, 'runs'));
    await mkdir(join(dir, 'runs', '.nw-tmp'), { recursive: true });
    await mkdir(join(dir, 'runs', 'empty'));
    await writeFile(join(dir, 'runs', 'broken'), 'x');
    expect(await store.list()).toEqual([]);
    expect(() => store.runDir('../escape')).toThrow('not a run id');
    expect(() => store.modelDir('a/b')).toThrow('not a run id');
  });
});
