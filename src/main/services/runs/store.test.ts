import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/protocol/training-api.ts';
import { applyEvent, emptyRunState, type RunState } from '../../../shared/run/index.ts';
import { xorRunEvents } from '../../../shared/run/testing.ts';
import { xorMlp } from '../../../shared/templates/xor-mlp.ts';
import { newRunId } from '../training/index.ts';
import { ORPHAN_MESSAGE, RunStore } from './store.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-runs-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const doc = xorMlp.build();

function record(id: string, startedAt: string, run: RunState = emptyRunState()): RunRecord {
  return { format: 2, id, title: 'XOR MLP', projectPath: null, startedAt, endedAt: null, doc, settings: doc.training, dataset: doc.dataset, datasetInfo: null, run };
}

const finished = () => xorRunEvents().reduce(applyEvent, emptyRunState());

describe('run store', () => {
  it('writes, reads and lists runs newest first', async () => {
    const store = new RunStore(join(dir, 'runs'));
    const older = record(newRunId(new Date('2026-01-01T10:00:00Z')), '2026-01-01T10:00:00.000Z', finished());
    const newer = record(newRunId(new Date('2026-01-02T10:00:00Z')), '2026-01-02T10:00:00.000Z');
    await store.write(older);
    await store.write(newer);
    expect(older.id).toMatch(/^20260101-100000-[0-9a-f]{6}$/);
    const list = await store.list();
    expect(list.map((s) => s.id)).toEqual([newer.id, older.id]);
    expect(list[1]).toMatchObject({ status: 'completed', epochsCompleted: 2, epochs: 3, backend: 'tensorflow', hasWeights: true, test: { loss: 0.3, metrics: { accuracy: 0.9 } } });
    expect(list[1]).not.toHaveProperty('doc');
    expect(await store.read(older.id)).toEqual(older);
    const onDisk = JSON.parse(await readFile(join(dir, 'runs', older.id, 'run.json'), 'utf8'));
    expect(onDisk.hostPid).toBe(process.pid);
    await store.delete(older.id);
    expect((await store.list()).map((s) => s.id)).toEqual([newer.id]);
    expect(await store.read(older.id)).toBeNull();
  });

  it('reads a record written before format 2 as a run state', async () => {
    const runs = join(dir, 'runs');
    const id = '20261123-130000-abcdef';
    const v1 = {
      id, title: 'XOR MLP', projectPath: null, startedAt: '2026-11-23T13:00:00.000Z', endedAt: '2026-11-23T13:00:05.000Z', status: 'completed', epochsCompleted: 1, epochs: 1,
      backend: 'cpu', device: 'CPU', last: null, test: null, message: 'Completed 1 epoch.', hasWeights: false, doc, settings: doc.training, datasetInfo: null, dataset: doc.dataset,
      skipped: [], epochRecords: [{ epoch: 1, loss: 0.5, metrics: {}, learningRate: 0.1, seconds: 1 }], batches: [], lastSnapshot: null, lastBoundary: null, evaluation: null, alerts: [], hostPid: 4_000_000,
    };
    await mkdir(join(runs, id), { recursive: true });
    await writeFile(join(runs, id, 'run.json'), JSON.stringify(v1));
    const read = await new RunStore(runs).read(id);
    expect(read).toMatchObject({ format: 2, id, run: { phase: 'completed', epochsCompleted: 1, lastEpoch: { loss: 0.5 }, exit: { message: 'Completed 1 epoch.' } } });
    expect(read).not.toHaveProperty('hostPid');
  });

  it('turns runs left going by a dead host into crashed runs, and leaves another live host alone', async () => {
    const runs = join(dir, 'runs');
    const going = (epochs: number) => [{ type: 'status', state: 'running' } as const, { type: 'epochMetrics', epochs: Array.from({ length: epochs }, (_, i) => ({ epoch: i + 1, loss: 1, metrics: {}, learningRate: 0.1, seconds: 1 })) } as const].reduce(applyEvent, emptyRunState());
    const orphan = record('orphan', '2026-01-01T00:00:00.000Z', going(2));
    const mine = record('mine', '2026-01-02T00:00:00.000Z');
    const other = record('other', '2026-01-03T00:00:00.000Z');
    // A pid far above Linux's default pid_max: no process has it.
    for (const [r, hostPid] of [[orphan, 4_000_000], [mine, process.pid], [other, process.ppid]] as const) {
      await mkdir(join(runs, r.id), { recursive: true });
      await writeFile(join(runs, r.id, 'run.json'), JSON.stringify({ ...r, hostPid }));
    }
    await mkdir(join(runs, 'orphan', 'model'));
    await writeFile(join(runs, 'orphan', 'model', 'model.json'), '{}');
    await writeFile(join(runs, 'orphan', 'model', 'weights.bin'), '');
    const store = new RunStore(runs, (id) => id === 'mine');
    const list = await store.list();
    expect(list.map((s) => [s.id, s.status])).toEqual([['other', 'starting'], ['mine', 'starting'], ['orphan', 'crashed']]);
    expect(list[2]).toMatchObject({ message: ORPHAN_MESSAGE, epochsCompleted: 2, hasWeights: true, endedAt: expect.any(String) });
    // Written back, so the next host start finds it crashed too.
    expect(JSON.parse(await readFile(join(runs, 'orphan', 'run.json'), 'utf8'))).toMatchObject({ run: { phase: 'crashed' } });
    // The same process after a restart of its store: its own unfinished run is an orphan now.
    const restarted = new RunStore(runs);
    expect(await restarted.read('mine')).toMatchObject({ run: { phase: 'crashed', hasWeights: false } });
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
