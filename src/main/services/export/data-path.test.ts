/**
 * One data path: an awkward CSV (semicolons, no header, "NA" cells, a quoted
 * line break, a byte-order mark) and a folder of 1000 × 1000 PNGs are each
 * trained in the app's trainer core (cpu backend, seed 7), exported, and
 * trained again from scratch by the exported project (`train.ts --fresh`) and
 * by the single-file program from `netwright export`. The exported loader
 * must give the app's rows and input tensors bit for bit, and the models the
 * exported programs train the app's predictions within 1e-5.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../shared/document/builder.ts';
import { serializeDocument } from '../../../shared/document/parse.ts';
import type { GraphDoc } from '../../../shared/document/schema.ts';
import type { LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { main } from '../../cli.ts';
import { loadDataset } from '../datasets/index.ts';
import { type Outcome, ROOT, appOutputs, expectClose, exportHere, predictLines, trainAndSave, tsx } from './testing.ts';

const SEED = 7;
// Inside the repository so that the single-file program resolves its packages from node_modules; git ignores it.
const DIR = join(ROOT, '.netwright-tmp', `data-path-${process.pid}`);
const PROJECT = join(DIR, 'project');

/** 48 rows: a number with "NA" holes, a number, a colour (one quoted over two lines, some "NA") and a class 2, 9 or 10. */
function awkwardCsv(): string {
  const colours = ['blue', '"dark\nred"', 'green', 'NA'];
  const rows = Array.from({ length: 48 }, (_, i) => {
    const a = i % 7 === 3 ? 'NA' : (i * 0.37 - 4).toFixed(2);
    const b = String((i * 13) % 11);
    return [a, b, colours[i % 4], [2, 9, 10][(i * 5 + (i >> 2)) % 3]].join(';');
  });
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** Thin lines a few pixels apart: vertical ones for "bars", horizontal ones for "rows", tinted per picture. */
function picture(cls: 'bars' | 'rows', k: number): Buffer {
  const png = new pngjs.PNG({ width: 1000, height: 1000 });
  const tint = [40 * k, 255 - 50 * k, 90 + 30 * k];
  for (let y = 0; y < 1000; y++) {
    for (let x = 0; x < 1000; x++) {
      const on = cls === 'bars' ? x % (7 + k) === 0 : y % (5 + k) === 0;
      const at = (y * 1000 + x) * 4;
      for (let c = 0; c < 3; c++) png.data[at + c] = on ? tint[c] : (x + y + 60 * c) % 256 >> 3;
      png.data[at + 3] = 255;
    }
  }
  return pngjs.PNG.sync.write(png);
}

function csvDoc(width: number): GraphDoc {
  const b = new GraphBuilder('Awkward table');
  // A validation hold-out and dropout, so that both sides must draw them from the seed in the same order.
  b.sequence(b.add('Input', { shape: [width] }), [['Dense', { units: 8, activation: 'relu' }], ['Dropout', { rate: 0.25 }], ['Dense', { units: 3, activation: 'softmax' }]]);
  return b
    .withDataset({ kind: 'csv', path: 'data/awkward.csv', target: 'column 4', scaling: 'standard', task: 'classification', testRatio: 0.25 })
    .withTraining({ optimizer: 'adam', learningRate: 0.05, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize: 8, epochs: 3, validationSplit: 0.25, seed: SEED })
    .build();
}

function imagesDoc(): GraphDoc {
  const b = new GraphBuilder('Big pictures');
  b.sequence(b.add('Input', { shape: [10, 12, 3] }), [['Flatten'], ['Dense', { units: 2, activation: 'softmax' }]]);
  return b
    .withDataset({ kind: 'images', folder: 'pics', width: 12, height: 10, grayscale: false, testRatio: 0.25 })
    .withTraining({ optimizer: 'adam', learningRate: 0.05, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize: 2, epochs: 3, validationSplit: 0, seed: SEED })
    .build();
}

interface DumpedSplit {
  readonly x: number[];
  readonly y: number[];
  readonly count: number;
}

/** What the exported project's own loadData returns, written as JSON by a script beside it. */
const DUMP = `import * as fs from 'node:fs';
import { loadData } from './src/data.ts';

const data = await loadData({ limit: null, dataDir: null });
const split = (s: { x: Float32Array; y: Float32Array; count: number }) => ({ x: Array.from(s.x), y: Array.from(s.y), count: s.count });
fs.writeFileSync(process.argv[2], JSON.stringify({ train: split(data.train), test: split(data.test) }));
`;

interface Case {
  readonly doc: GraphDoc;
  readonly app: LoadedDataset;
  readonly weights: string;
  readonly exported: string;
  dumped?: { train: DumpedSplit; test: DumpedSplit };
  /** predict.ts on the exported (app-trained) model. */
  predicted?: Outcome;
  /** train.ts --fresh: the exported project trains its own model from the seed… */
  retrained?: Outcome;
  /** …and predict.ts on that model. */
  retrainedPredicted?: Outcome;
}

let csv: Case;
let images: Case;
let single: Outcome;
const SINGLE_OUT = join(DIR, 'single-out');

async function prepare(name: string, doc: GraphDoc): Promise<Case> {
  const app = await loadDataset(doc.dataset!, { baseDir: PROJECT, seed: SEED });
  const weights = join(DIR, `${name}-run`);
  const exported = join(DIR, `${name}-export`);
  await trainAndSave(doc, weights, PROJECT);
  const result = await exportHere(doc, weights, exported, PROJECT);
  if (!result.ok) throw new Error(result.message);
  writeFileSync(join(exported, 'dump.ts'), DUMP);
  return { doc, app, weights, exported };
}

async function readBack(c: Case): Promise<void> {
  const file = `${c.exported}.json`;
  const dumped = await tsx(c.exported, 'dump.ts', file);
  if (dumped.code !== 0) throw new Error(dumped.stderr);
  c.dumped = JSON.parse(await readFile(file, 'utf8'));
  c.predicted = await tsx(c.exported, 'src/predict.ts', String(c.app.info.testCount));
  const own = `${c.exported}-retrained`;
  c.retrained = await tsx(c.exported, 'src/train.ts', '--fresh', '--out', own);
  c.retrainedPredicted = await tsx(c.exported, 'src/predict.ts', String(c.app.info.testCount), '--model', own);
}

beforeAll(async () => {
  tf.enableProdMode(); // only loads saved models; skip the "install tfjs-node" banner
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(join(PROJECT, 'data'), { recursive: true });
  writeFileSync(join(PROJECT, 'data', 'awkward.csv'), awkwardCsv());
  for (const cls of ['bars', 'rows'] as const) {
    mkdirSync(join(PROJECT, 'pics', cls), { recursive: true });
    for (let k = 0; k < 4; k++) writeFileSync(join(PROJECT, 'pics', cls, `${k}.png`), picture(cls, k));
  }
  const probe = await loadDataset(csvDoc(1).dataset!, { baseDir: PROJECT, seed: SEED });
  csv = await prepare('csv', csvDoc(probe.info.inputShape[0]));
  images = await prepare('images', imagesDoc());
  const program = join(PROJECT, 'awkward.ts');
  const file = join(PROJECT, 'awkward.netwright.json');
  writeFileSync(file, serializeDocument(csv.doc));
  const quiet = { tty: false, out: () => {}, err: () => {} };
  if ((await main(['export', file, '--ts', program], quiet)) !== 0) throw new Error('netwright export failed');
  // Two at a time (two cores): each side reads its data with the exported code.
  await Promise.all([
    readBack(csv),
    (async () => {
      await readBack(images);
      single = await tsx(PROJECT, program, '--out', SINGLE_OUT);
    })(),
  ]);
}, 120_000);

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

function expectSameSplit(dumped: DumpedSplit, x: Float32Array, y: Float32Array): void {
  expect(dumped.count).toBe(y.length);
  expect(Float32Array.from(dumped.x)).toEqual(x);
  expect(Float32Array.from(dumped.y)).toEqual(y);
}

describe('a semicolon-separated, headerless CSV with "NA" cells and a quoted line break', () => {
  it('is read by the app as such', () => {
    expect(csv.app.info).toMatchObject({
      featureNames: ['column 1', 'column 2', 'column 3=blue', 'column 3=dark\nred', 'column 3=green'],
      classNames: ['2', '9', '10'],
      trainCount: 36,
      testCount: 12,
    });
  });

  it("is exported with the app's CSV modules beside its data.ts, and only those", async () => {
    const modules = (await readdir(join(csv.exported, 'src', 'netwright'))).sort();
    expect(modules).toEqual(['csv-encode.ts', 'csv-parse.ts', 'csv-table.ts', 'dataset-error.ts', 'dataset-limits.ts', 'datasets.ts', 'order.ts', 'progress.ts', 'random.ts', 'running-stats.ts']);
    const copy = await readFile(join(csv.exported, 'src', 'netwright', 'csv-parse.ts'), 'utf8');
    expect(copy).toContain(await readFile(join(ROOT, 'src/main/services/datasets/csv-parse.ts'), 'utf8'));
  });

  it("is read by the exported project as the same rows, the same input tensors and the same targets", () => {
    expectSameSplit(csv.dumped!.train, csv.app.xTrain, csv.app.yTrain);
    expectSameSplit(csv.dumped!.test, csv.app.xTest, csv.app.yTest);
  });

  it("gives the app's predictions for every test row", async () => {
    expect(csv.predicted!.code).toBe(0);
    expect(csv.predicted!.stderr).toContain('Classes: 2, 9, 10');
    const lines = predictLines(csv.predicted!.stdout);
    expect(lines.map((l) => l.label)).toEqual(Array.from(csv.app.yTest));
    expectClose(lines.map((l) => l.output), await appOutputs(csv.weights, csv.app.xTest, csv.app.info.inputShape, 12));
  });

  it('is trained from the seed by the exported project and by the single-file program into the model the app trained', async () => {
    for (const outcome of [csv.retrained!, single]) {
      expect(outcome.stderr).toBe('');
      expect(outcome.stdout).toContain('Classes: 2, 9, 10');
      expect(outcome.stdout).toMatch(/^Data: .*awkward\.csv \(predicting "column 4", classification\): 36 training and 12 test samples$/m);
      // 9 of the 36 rows held out for validation, as in the app.
      expect(outcome.stdout).toMatch(/^Epoch 3\/3 .*val_loss \d/m);
      expect(outcome.stdout).toMatch(/^Test \(12 samples\): loss \d/m);
    }
    const app = await appOutputs(csv.weights, csv.app.xTest, csv.app.info.inputShape, 12);
    expectClose(predictLines(csv.retrainedPredicted!.stdout).map((l) => l.output), app);
    expectClose(await appOutputs(SINGLE_OUT, csv.app.xTest, csv.app.info.inputShape, 12), app);
  });
});

describe('a folder of 1000 × 1000 PNGs', () => {
  it('is shrunk by the app with the area average to 12 × 10, lines blended rather than dropped', () => {
    expect(images.app.info).toMatchObject({ inputShape: [10, 12, 3], classNames: ['bars', 'rows'], trainCount: 6, testCount: 2 });
    // An output pixel covers 83 × 100 source pixels: a 1-pixel line is a small share of it, never all or nothing.
    const values = Array.from(images.app.xTrain);
    expect(values.every((v) => v > 0 && v < 0.75)).toBe(true);
  });

  it('is read by the exported project as the same pictures in the same order, pixel for pixel', () => {
    expectSameSplit(images.dumped!.train, images.app.xTrain, images.app.yTrain);
    expectSameSplit(images.dumped!.test, images.app.xTest, images.app.yTest);
  });

  it("gives the app's predictions for the test pictures", async () => {
    expect(images.predicted!.code).toBe(0);
    expect(images.predicted!.stderr).toContain('Classes: bars, rows (8 images)');
    const lines = predictLines(images.predicted!.stdout);
    expect(lines.map((l) => l.label)).toEqual(Array.from(images.app.yTest));
    expectClose(lines.map((l) => l.output), await appOutputs(images.weights, images.app.xTest, [10, 12, 3], 2));
  });

  it('is trained from the seed by the exported project into the model the app trained', async () => {
    expect(images.retrained!.stderr).toBe('');
    expect(images.retrained!.stdout).toMatch(/^Epoch 3\/3 /m);
    expectClose(predictLines(images.retrainedPredicted!.stdout).map((l) => l.output), await appOutputs(images.weights, images.app.xTest, [10, 12, 3], 2));
  });
});
