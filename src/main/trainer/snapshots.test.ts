import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../shared/document/builder.ts';
import { explainable, forwardBackward } from '../../shared/explain/index.ts';
import { MAX_BIAS_VALUES, type InlineDataset } from '../../shared/protocol/trainer.ts';
import { linearRegression } from '../../shared/templates/linear-regression.ts';
import { workedTwoTwoOne } from '../../shared/templates/worked-two-two-one.ts';
import { trainInProcess } from './testing.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('weight snapshots', () => {
  it('carries each bias of a small layer, equal to the weights the run saves', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nw-snap-'));
    dirs.push(dir);
    const run = trainInProcess(linearRegression.build(), { backend: 'cpu', epochs: 5 }, { options: { saveDir: join(dir, 'model'), snapshotEvery: 5, snapshotMinIntervalMs: 0 } });
    expect((await run.done).reason).toBe('completed');
    const bin = await readFile(run.of('savedModel')[0].files[1]);
    const [slope, intercept] = new Float32Array(bin.buffer, bin.byteOffset, 2);
    const last = run.of('snapshot').at(-1)!.layers[0];
    expect(last.bias?.values).toHaveLength(1);
    expect(last.bias!.values![0]).toBeCloseTo(intercept, 3);
    expect(last.kernel!.matrix.values[0]).toBeCloseTo(slope, 3);
    // Training moved the bias away from its zero start, so the value is the live one.
    expect(Math.abs(intercept)).toBeGreaterThan(0.1);
  });

  it('leaves the values out of layers wider than the limit', async () => {
    const b = new GraphBuilder('wide');
    b.sequence(b.add('Input', { shape: [2] }), [
      ['Dense', { units: MAX_BIAS_VALUES + 1, activation: 'relu', biasInitializer: 'ones' }],
      ['Dense', { units: 1, activation: 'sigmoid' }],
    ]);
    const doc = b.withDataset({ kind: 'generated', name: 'xor', samples: 40, noise: 0, trainRatio: 1, seed: 1 }).withTraining({ loss: 'binaryCrossentropy', batchSize: 20, epochs: 1, validationSplit: 0 }).build();
    const run = trainInProcess(doc, { backend: 'cpu' }, { options: { snapshotEvery: 1, snapshotMinIntervalMs: 0 } });
    expect((await run.done).reason).toBe('completed');
    const [wide, out] = run.of('snapshot').at(-1)!.layers;
    expect(wide.bias?.shape).toEqual([MAX_BIAS_VALUES + 1]);
    expect(wide.bias?.values).toBeUndefined();
    expect(out.bias?.values).toHaveLength(1);
  });

  it('starts the 2-2-1 worked example from the textbook weights: one step on its sample gives the explained update', async () => {
    const doc = workedTwoTwoOne.build();
    const worked = workedTwoTwoOne.worked!;
    const sample: InlineDataset = {
      kind: 'inline',
      info: { title: 'textbook sample', task: 'regression', inputShape: [2], numClasses: 0, targetSize: 1, trainCount: 1, testCount: 0, isImage: false },
      xTrain: [...worked.x],
      yTrain: [...worked.target],
      xTest: [],
      yTest: [],
    };
    const run = trainInProcess(doc, { backend: 'cpu', epochs: 1, batchSize: 1, validationSplit: 0, metrics: [] }, { dataset: sample, options: { snapshotEvery: 1, snapshotMinIntervalMs: 0, boundary: false } });
    expect((await run.done).reason).toBe('completed');
    const ex = explainable(doc);
    if (!ex.ok) throw new Error(ex.reason);
    const expected = forwardBackward(ex.net, worked.weights, worked.x, worked.target, doc.training.learningRate);
    // The textbook's loss on its sample, from the textbook's starting weights.
    expect(run.of('epochMetrics').flatMap((e) => e.epochs)[0].loss).toBeCloseTo(0.5496, 4);
    const layers = run.of('snapshot').at(-1)!.layers;
    layers.forEach((l, i) => {
      expect(l.kernel!.matrix.values).toHaveLength(expected.updated[i].kernel.flat().length);
      l.kernel!.matrix.values.forEach((v, k) => expect(v).toBeCloseTo(expected.updated[i].kernel.flat()[k], 3));
      l.bias!.values!.forEach((v, k) => expect(v).toBeCloseTo(expected.updated[i].bias[k], 3));
    });
    expect(layers[1].kernel!.matrix.values[0]).toBeCloseTo(0.3178, 4);
  });
});
