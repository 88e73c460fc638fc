/**
 * Searches on the host with real trainer processes: folds run as tagged
 * runs, scores are the mean and deviation over folds, a trial that fails
 * does not stop the search, and a stopped search resumes with the folds it
 * had not done.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDoc } from '../../../shared/document/schema.ts';
import type { SearchHostEvent } from '../../../shared/protocol/search-api.ts';
import type { SearchSpec } from '../../../shared/search/spec.ts';
import { xorMlp } from '../../../shared/templates/xor-mlp.ts';
import { TrainingService } from '../runs/index.ts';
import { SearchService } from './service.ts';

let dir: string;
let training: TrainingService;
let searches: SearchService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-search-'));
  training = new TrainingService({ runsDir: join(dir, 'runs'), log: () => {} });
  searches = new SearchService({ dir: join(dir, 'searches'), training, log: () => {} });
});
afterAll(async () => {
  await searches.stopAll();
  await training.stopAll();
  await rm(dir, { recursive: true, force: true });
});

/** XOR (160 training rows) with a search over the hidden layer's units and, where given, the output's. */
function project(search: Partial<SearchSpec> & Pick<SearchSpec, 'dimensions'>, epochs = 8): GraphDoc {
  const doc = xorMlp.build();
  const spec: SearchSpec = { method: 'grid', trials: 20, seed: 5, rankBy: 'val_loss', validation: { kind: 'kfold', folds: 2 }, ...search };
  return { ...doc, training: { ...doc.training, epochs, backend: 'cpu' }, search: spec } as GraphDoc;
}

describe('SearchService', () => {
  it('runs every fold of every trial as a tagged run and scores trials over their folds; a failing trial is recorded and the search goes on', async () => {
    const doc = project({
      dimensions: [
        { id: 'hidden', target: { kind: 'layer', nodes: ['dense_1'], param: 'units' }, values: { kind: 'list', items: [2, 8] } },
        // Three outputs cannot match XOR's one target: that trial fails in the trainer.
        { id: 'out', target: { kind: 'layer', nodes: ['dense_2'], param: 'units' }, values: { kind: 'list', items: [1, 3] } },
      ],
    });
    const events: SearchHostEvent[] = [];
    const off = searches.onEvent((e) => events.push(e));
    const started = await searches.start({ doc, projectPath: null }, dir);
    expect(started.ok).toBe(true);
    const record = (await searches.whenEnded(started.ok ? started.searchId : ''))!;
    off();

    expect(record.status).toBe('completed');
    expect(record.foldsTotal).toBe(8);
    expect(record.foldsDone).toBe(8);
    expect(record.trials.map((t) => [t.values.hidden, t.values.out, t.status])).toEqual([
      [2, 1, 'done'],
      [2, 3, 'failed'],
      [8, 1, 'done'],
      [8, 3, 'failed'],
    ]);
    const failed = record.trials[1];
    expect(failed.score).toBeNull();
    expect(failed.message).toMatch(/^fold 1: .*output layer has 3 units/);
    for (const trial of [record.trials[0], record.trials[2]]) {
      const values = trial.folds.map((f) => f.figures!.val_loss!);
      expect(values.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
      const mean = (values[0] + values[1]) / 2;
      expect(trial.score!.mean).toBeCloseTo(mean, 12);
      expect(trial.score!.std).toBeCloseTo(Math.abs(values[0] - values[1]) / Math.SQRT2, 12);
      expect(trial.params).toBe(trial.values.hidden === 2 ? 2 * 2 + 2 + 2 + 1 : 2 * 8 + 8 + 8 + 1);
    }
    // Each fold is a run of its own, tagged, validating on its half of the 160 training rows.
    for (const fold of record.trials[2].folds) {
      const run = (await training.get(fold.runId!))!;
      expect(run.search).toEqual({ searchId: record.id, trial: 2, fold: fold.fold, folds: 2 });
      expect(run.doc.nodes.find((n) => n.id === 'dense_1')!.params.units).toBe(8);
      expect(run.run.ready).toMatchObject({ trainSamples: 80, valSamples: 80 });
      expect(run.run.epochsCompleted).toBe(8);
    }
    // The two folds validate on different rows, so their figures differ.
    expect(record.trials[2].folds[0].figures).not.toEqual(record.trials[2].folds[1].figures);
    // The UI heard each fold start and end.
    expect(events.filter((e) => e.record.current?.runId).length).toBeGreaterThanOrEqual(8);
    expect(events.at(-1)!.record.status).toBe('completed');
    const onDisk = JSON.parse(await readFile(join(dir, 'searches', `${record.id}.json`), 'utf8'));
    expect(onDisk.trials).toEqual(record.trials);
  }, 120_000);

  it('stops, and resumes with only the folds not yet done', async () => {
    const doc = project({ dimensions: [{ id: 'hidden', target: { kind: 'layer', nodes: ['dense_1'], param: 'units' }, values: { kind: 'list', items: [2, 4] } }] }, 150);
    const started = await searches.start({ doc, projectPath: null }, dir);
    if (!started.ok) throw new Error(started.message);
    const id = started.searchId;
    // Stop once the second fold is training.
    await new Promise<void>((resolve) => {
      const off = searches.onEvent((e) => {
        if (e.searchId === id && e.record.current?.fold === 1 && e.record.current.runId) {
          off();
          resolve();
        }
      });
    });
    await searches.stop(id);
    const stopped = (await searches.get(id))!;
    expect(stopped.status).toBe('stopped');
    expect(stopped.foldsDone).toBe(1);
    const firstRun = stopped.trials[0].folds[0].runId;
    expect(stopped.trials[0].folds.map((f) => f.status)).toEqual(['done', 'pending']);

    await searches.resume(id, dir);
    const done = (await searches.whenEnded(id))!;
    expect(done.status).toBe('completed');
    expect(done.foldsDone).toBe(4);
    // The finished fold kept its run; the stopped one trained again under a new run.
    expect(done.trials[0].folds[0].runId).toBe(firstRun);
    expect(done.trials[0].folds[1].runId).not.toBe(stopped.trials[0].folds[1].runId);
    expect(done.trials.every((t) => t.status === 'done' && t.score!.folds === 2)).toBe(true);
  }, 180_000);

  it('refuses to start a search the checks reject, with their message', async () => {
    const doc = project({ dimensions: [{ id: 'hidden', target: { kind: 'layer', nodes: ['dense_1'], param: 'units' }, values: { kind: 'list', items: [0] } }] });
    expect(await searches.start({ doc, projectPath: null }, dir)).toEqual({ ok: false, message: expect.stringMatching(/^units of dense_1: Dense refuses 0/) });
    expect(await searches.start({ doc: xorMlp.build(), projectPath: null }, dir)).toEqual({ ok: false, message: expect.stringMatching(/has no search/) });
  });
});
