import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../shared/document/builder.ts';
import { trainInProcess } from './testing.ts';

describe('trainer core on MNIST', () => {
  it('an MLP trained on 5,000 images for 2 epochs passes 90 % test accuracy, with weight pictures', async () => {
    const b = new GraphBuilder('MNIST MLP');
    b.sequence(b.add('Input', { shape: [28, 28] }), [['Flatten'], ['Dense', { units: 300, activation: 'relu' }], ['Dense', { units: 100, activation: 'relu' }], ['Dense', { units: 10, activation: 'softmax' }]]);
    const doc = b
      .withDataset({ kind: 'builtin', name: 'mnist', trainSubset: 5000, testSubset: 10000 })
      .withTraining({ optimizer: 'adam', learningRate: 0.002, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize: 32, epochs: 2, validationSplit: 0 })
      .build();
    const run = trainInProcess(doc, { backend: 'auto' }, { options: { snapshotEvery: 100, snapshotMinIntervalMs: 0 } });
    const exit = await run.done;
    expect(exit.reason).toBe('completed');
    const [evaluation] = run.of('evaluation');
    expect(evaluation.samples).toBe(10000);
    expect(evaluation.metrics.accuracy).toBeGreaterThan(0.9);
    expect(evaluation.confusion).toHaveLength(10);
    expect(evaluation.perClassAccuracy!.every((a) => a > 0.7)).toBe(true);
    const digit = evaluation.predictions[0];
    expect(digit.task).toBe('classification');
    expect(digit.input).toHaveLength(784);

    const snapshot = run.of('snapshot').at(-1)!;
    const [first, second] = snapshot.layers;
    expect(first.name).toBe('dense_1');
    expect(first.kernel!.shape).toEqual([784, 300]);
    expect(first.kernel!.histogram.counts.reduce((a, c) => a + c, 0)).toBe(784 * 300);
    expect(first.kernel!.matrix).toMatchObject({ rows: 64, cols: 64, sourceRows: 784, sourceCols: 300 });
    expect(first.images).toMatchObject({ width: 28, height: 28, channels: 1, units: 300 });
    expect(first.images!.images).toHaveLength(64);
    expect(first.images!.images[0]).toHaveLength(784);
    expect(first.deadFraction).toBeGreaterThanOrEqual(0);
    expect(second.images).toBeUndefined();
    const withGrads = run.of('snapshot').find((s) => s.layers[0].kernel?.gradNorm !== undefined)!;
    expect(withGrads.layers[0].kernel!.gradNorm).toBeGreaterThan(0);
  });
});
