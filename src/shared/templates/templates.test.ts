import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.ts';
import { generateDataset } from '../datasets/generate.ts';
import { checkParams } from '../document/check-params.ts';
import { parseDocument, serializeDocument } from '../document/parse.ts';
import { applyTrial } from '../search/apply.ts';
import { checkSearch } from '../search/check.ts';
import { getTemplate, TEMPLATES } from './index.ts';

const IDS = ['perceptron-and', 'xor-mlp', 'worked-2-2-1', 'linear-regression', 'activations-compared', 'optimizers-compared', 'overfitting', 'mnist-softmax', 'fashion-mnist-mlp', 'mnist-search', 'lenet-cnn', 'cifar10-cnn', 'lstm-sequence', 'autoencoder'];

function summaryOf(id: string) {
  const a = analyze(getTemplate(id)!.build());
  return a.summary.layers.map((r) => [r.kind, r.outputShape, r.params]);
}

describe('templates', () => {
  it('offers the starter projects, each with a one-line description and a lesson', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(IDS);
    for (const t of TEMPLATES) {
      expect(t.title.length).toBeGreaterThan(0);
      expect(t.description).not.toContain('\n');
      expect(t.description.length).toBeLessThanOrEqual(140);
      expect(t.build().meta.lesson?.length).toBeGreaterThan(40);
    }
    expect(getTemplate('nope')).toBeUndefined();
  });

  it.each(IDS)('%s: a valid project that analyzes without errors or warnings', (id) => {
    const doc = getTemplate(id)!.build();
    const parsed = parseDocument(serializeDocument(doc));
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    expect(checkParams(doc)).toEqual([]);
    const a = analyze(doc);
    expect(a.diagnostics).toEqual([]);
    expect(a.outputs).toHaveLength(1);
    expect(doc.dataset).not.toBeNull();
    expect(doc.meta.description).toBe(getTemplate(id)!.description);
  });

  it.each(IDS)('%s: laid out left to right without overlaps', (id) => {
    const doc = getTemplate(id)!.build();
    const a = analyze(doc);
    const x = new Map(doc.nodes.map((n) => [n.id, n.position.x]));
    for (const e of doc.edges) expect(x.get(e.target)!).toBeGreaterThan(x.get(e.source)!);
    const spots = new Set(doc.nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(spots.size).toBe(doc.nodes.length);
    expect(a.order).toHaveLength(doc.nodes.length);
  });

  it('builds a fresh document on each call', () => {
    const t = getTemplate('xor-mlp')!;
    expect(t.build()).toEqual(t.build());
    expect(t.build()).not.toBe(t.build());
  });

  it('mnist-search is the course exercise: 1 to 3 hidden layers of 16 or 64 units, 3-fold cross-validated, every trial buildable', () => {
    const doc = getTemplate('mnist-search')!.build();
    const checked = checkSearch(doc, doc.search!);
    expect(checked.problems).toEqual([]);
    expect(checked.runnable.map((t) => [t.values.n_hidden, t.values.n_neurons, analyze(applyTrial(doc, doc.search!, t)).summary.totalParams])).toEqual([
      [1, 16, 784 * 16 + 16 + 170],
      [1, 64, 784 * 64 + 64 + 650],
      [2, 16, 784 * 16 + 16 + 272 + 170],
      [2, 64, 784 * 64 + 64 + 4160 + 650],
      [3, 16, 784 * 16 + 16 + 2 * 272 + 170],
      [3, 64, 784 * 64 + 64 + 2 * 4160 + 650],
    ]);
    expect(doc.search!.validation).toEqual({ kind: 'kfold', folds: 3 });
  });

  it.each([
    ['optimizers-compared', 'optimizer', ['sgd', 'momentum', 'rmsprop', 'adam']],
    ['activations-compared', 'activation', ['sigmoid', 'tanh', 'relu', 'linear']],
  ])('%s: one search run trains the same network once per %s', (id, dim, values) => {
    const doc = getTemplate(id)!.build();
    const checked = checkSearch(doc, doc.search!);
    expect(checked.problems).toEqual([]);
    expect(checked.runnable.map((t) => t.values[dim])).toEqual(values);
    const applied = checked.runnable.map((t) => applyTrial(doc, doc.search!, t));
    const params = applied.map((d) => analyze(d).summary.totalParams);
    expect(new Set(params).size).toBe(1);
    if (dim === 'optimizer') expect(applied.map((d) => d.training.optimizer)).toEqual(values);
    else expect(applied.map((d) => d.nodes.filter((n) => n.id === 'dense_1' || n.id === 'dense_2').map((n) => n.params.activation))).toEqual(values.map((v) => [v, v]));
  });

  it('overfitting gives a big network few noisy points and holds some out to show the gap', () => {
    const doc = getTemplate('overfitting')!.build();
    const a = analyze(doc);
    if (doc.dataset?.kind !== 'generated') throw new Error('expected a generated dataset');
    const training = Math.floor(doc.dataset.samples * doc.dataset.trainRatio * (1 - doc.training.validationSplit));
    expect(training).toBeLessThan(50);
    expect(a.summary.totalParams).toBeGreaterThan(50 * training);
    expect(doc.meta.lesson).toMatch(/Dropout/);
    expect(doc.meta.lesson).toMatch(/l2/);
    expect(doc.meta.lesson).toMatch(/early stopping/);
  });

  it('fashion-mnist-mlp is the 266,610-parameter network of the Keras book', () => {
    const a = analyze(getTemplate('fashion-mnist-mlp')!.build());
    expect(a.summary.layers.map((r) => r.params)).toEqual([0, 0, 235_500, 30_100, 1_010]);
    expect(a.summary.totalParams).toBe(266_610);
    expect(a.summary.trainableParams).toBe(266_610);
  });

  it('mnist-softmax is 7,850 weights: one per pixel and class plus a bias per class', () => {
    expect(analyze(getTemplate('mnist-softmax')!.build()).summary.totalParams).toBe(7_850);
  });

  it('lenet-cnn has the LeNet-5 feature map sizes', () => {
    expect(summaryOf('lenet-cnn')).toEqual([
      ['Input', [null, 28, 28, 1], 0],
      ['Conv2D', [null, 28, 28, 6], 156],
      ['MaxPooling2D', [null, 14, 14, 6], 0],
      ['Conv2D', [null, 10, 10, 16], 2_416],
      ['MaxPooling2D', [null, 5, 5, 16], 0],
      ['Flatten', [null, 400], 0],
      ['Dense', [null, 120], 48_120],
      ['Dense', [null, 10], 1_210],
    ]);
  });

  it('cifar10-cnn reads 32×32 colour pictures from a folder beside the project, which the user unpacks', () => {
    const doc = getTemplate('cifar10-cnn')!.build();
    expect(doc.dataset).toEqual({ kind: 'cifar10', folder: 'cifar-10-batches-bin', trainSubset: 10_000, testSubset: 2_000 });
    expect(summaryOf('cifar10-cnn').map(([kind, shape]) => [kind, shape])).toEqual([
      ['Input', [null, 32, 32, 3]],
      ['Conv2D', [null, 32, 32, 32]],
      ['MaxPooling2D', [null, 16, 16, 32]],
      ['Conv2D', [null, 16, 16, 64]],
      ['MaxPooling2D', [null, 8, 8, 64]],
      ['Conv2D', [null, 8, 8, 64]],
      ['MaxPooling2D', [null, 4, 4, 64]],
      ['Flatten', [null, 1024]],
      ['Dense', [null, 64]],
      ['Dropout', [null, 64]],
      ['Dense', [null, 10]],
    ]);
    expect(doc.meta.lesson).toMatch(/cifar-10-batches-bin/);
  });

  it('lstm-sequence reads 28 rows of 28 pixels into 64 units', () => {
    expect(summaryOf('lstm-sequence')).toEqual([
      ['Input', [null, 28, 28], 0],
      ['LSTM', [null, 64], 4 * (64 * (28 + 64) + 64)],
      ['Dense', [null, 10], 650],
    ]);
  });

  it('autoencoder ends in the shape it starts with and trains to reproduce its input', () => {
    const doc = getTemplate('autoencoder')!.build();
    const rows = analyze(doc).summary.layers;
    expect(rows[0].outputShape).toEqual(rows[rows.length - 1].outputShape);
    expect(rows.map((r) => r.outputShape?.[1])).toEqual([28, 784, 64, 32, 64, 784, 28]);
    expect(doc.dataset).toEqual({ kind: 'builtin', name: 'mnist', autoencode: true });
    expect(doc.training.loss).toBe('meanSquaredError');
    expect(getTemplate('autoencoder')!.description).toMatch(/reconstructs its input/);
  });

  it.each(['perceptron-and', 'xor-mlp', 'linear-regression', 'activations-compared', 'optimizers-compared', 'overfitting'])('%s: the Input matches the generated data it trains on', (id) => {
    const doc = getTemplate(id)!.build();
    if (doc.dataset?.kind !== 'generated') throw new Error('expected a generated dataset');
    const data = generateDataset(doc.dataset);
    const input = doc.nodes.find((n) => n.kind === 'Input')!;
    expect(input.params.shape).toEqual(data.info.inputShape);
    expect(data.info.task).toBe(id === 'linear-regression' ? 'regression' : 'classification');
  });
});
