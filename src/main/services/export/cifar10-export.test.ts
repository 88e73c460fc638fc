/**
 * CIFAR-10 from a folder end to end: a tiny CNN trains one epoch on a small
 * folder in the binary layout through the trainer core, and the exported
 * project's loadData reads the very arrays the app read.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../shared/document/builder.ts';
import type { GraphDoc } from '../../../shared/document/schema.ts';
import type { LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { getTemplate } from '../../../shared/templates/index.ts';
import type { ExitEvent, TrainerEvent } from '../../../shared/protocol/trainer.ts';
import { trainInProcess } from '../../trainer/testing.ts';
import { writeCifarFolder } from '../datasets/cifar10-fixture.ts';
import { loadDataset } from '../datasets/index.ts';
import { ROOT, exportHere, tsx, typeCheck } from './testing.ts';

// Inside the repository so that the exported project resolves its packages from node_modules; git ignores it.
const DIR = join(ROOT, '.netwright-tmp', `cifar10-${process.pid}`);
const PROJECT = join(DIR, 'project');

function cnn(): GraphDoc {
  const b = new GraphBuilder('Tiny CIFAR CNN');
  b.sequence(b.add('Input', { shape: [32, 32, 3] }), [
    ['Conv2D', { filters: 4, kernelSize: [3, 3], activation: 'relu' }],
    ['MaxPooling2D'],
    ['Flatten'],
    ['Dense', { units: 10, activation: 'softmax' }],
  ]);
  return b
    .withDataset({ kind: 'cifar10', folder: 'cifar-10-batches-bin' })
    .withTraining({ optimizer: 'adam', learningRate: 0.01, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize: 7, epochs: 1, validationSplit: 0, seed: 3 })
    .build();
}

const DUMP = `import * as fs from 'node:fs';
import { loadData } from './src/data.ts';

const data = await loadData({ limit: null, dataDir: null });
const split = (s: { x: Float32Array; y: Float32Array; count: number }) => ({ x: Array.from(s.x), y: Array.from(s.y), count: s.count });
fs.writeFileSync(process.argv[2], JSON.stringify({ title: data.title, train: split(data.train), test: split(data.test) }));
`;

let app: LoadedDataset;
let events: TrainerEvent[];
let exit: ExitEvent;
let exported: string;

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  writeCifarFolder(join(PROJECT, 'cifar-10-batches-bin'));
  const doc = cnn();
  app = await loadDataset(doc.dataset!, { baseDir: PROJECT });
  const weights = join(DIR, 'run');
  const run = trainInProcess(doc, { backend: 'cpu' }, { baseDir: PROJECT, options: { saveDir: weights, snapshotEvery: 0 } });
  exit = await run.done;
  events = run.events;
  exported = join(DIR, 'export');
  const result = await exportHere(doc, weights, exported, PROJECT);
  if (!result.ok) throw new Error(result.message);
  mkdirSync(exported, { recursive: true });
  writeFileSync(join(exported, 'dump.ts'), DUMP);
}, 60_000);

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('a CNN on a CIFAR-10 folder', () => {
  it('trains one epoch of 2 batches through the trainer core', () => {
    expect(exit.reason).toBe('completed');
    const epochs = events.flatMap((e) => (e.type === 'epochMetrics' ? e.epochs : []));
    expect(epochs.map((e) => e.epoch)).toEqual([1]);
    expect(Number.isFinite(epochs[0].loss)).toBe(true);
    expect(epochs[0].loss).toBeGreaterThan(0);
  });

  it("is exported with the app's CIFAR-10 reader, whose loadData gives the app's arrays", async () => {
    expect((await readdir(join(exported, 'src', 'netwright'))).sort()).toEqual(['cifar10.ts', 'dataset-error.ts', 'dataset-limits.ts', 'datasets.ts', 'order.ts', 'progress.ts', 'random.ts']);
    const file = join(DIR, 'dump.json');
    const dumped = await tsx(exported, 'dump.ts', file);
    expect(dumped.stderr).toBe('');
    expect(dumped.code).toBe(0);
    expect(dumped.stdout).toContain('Classes: plane, car, bird, cat, deer, dog, frog, horse, ship, truck');
    const data = JSON.parse(await readFile(file, 'utf8')) as { title: string; train: { x: number[]; y: number[]; count: number }; test: { x: number[]; y: number[]; count: number } };
    expect(data.title).toMatch(/^CIFAR-10 from the folder .*cifar-10-batches-bin$/);
    expect(data.train.count).toBe(14);
    expect(data.test.count).toBe(5);
    expect(Float32Array.from(data.train.x)).toEqual(app.xTrain);
    expect(Float32Array.from(data.train.y)).toEqual(app.yTrain);
    expect(Float32Array.from(data.test.x)).toEqual(app.xTest);
    expect(Float32Array.from(data.test.y)).toEqual(app.yTest);
  }, 30_000);

  it('fails a run whose folder is not there yet with the message that says which folder to choose', async () => {
    const run = trainInProcess(getTemplate('cifar10-cnn')!.build(), { backend: 'cpu' }, { baseDir: join(DIR, 'nowhere') });
    const exit = await run.done;
    expect(exit.reason).toBe('failed');
    expect(exit.message).toBe(
      `Cannot read ${join(DIR, 'nowhere', 'cifar-10-batches-bin')}: the folder does not exist. Choose the folder where you unpacked cifar-10-batches-bin (from cifar-10-binary.tar.gz at https://www.cs.toronto.edu/~kriz/cifar.html).`,
    );
  });

  it('type-checks as an exported project', async () => {
    const checked = await typeCheck(exported);
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.code).toBe(0);
  }, 60_000);
});
