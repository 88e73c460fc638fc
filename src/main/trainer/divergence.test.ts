import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../shared/document/builder.ts';
import type { InlineDataset } from '../../shared/protocol/trainer.ts';
import { linearRegression } from '../../shared/templates/linear-regression.ts';
import { xorMlp } from '../../shared/templates/xor-mlp.ts';
import { trainInProcess } from './testing.ts';

/** y = 2x + 1 on 64 points of x in [-1, 1], inputs multiplied by `scale`; `poison` puts a value into the first input. */
function line(scale: number, poison?: number): InlineDataset {
  const x = Array.from({ length: 64 }, (_, i) => -1 + (2 * i) / 63);
  const xTrain = x.map((v) => v * scale);
  if (poison !== undefined) xTrain[0] = poison;
  const info = { title: 'line', task: 'regression' as const, inputShape: [1], numClasses: 0, targetSize: 1, trainCount: 64, testCount: 0, isImage: false };
  return { kind: 'inline', info, xTrain, yTrain: x.map((v) => 2 * v + 1), xTest: [], yTest: [] };
}

describe('runs that diverge end in a fatal alert, not a completed run', () => {
  it('SGD at learning rate 10 on a linear model: the loss explodes within the first epoch', async () => {
    const run = trainInProcess(linearRegression.build(), { backend: 'cpu', learningRate: 10, epochs: 1 });
    const exit = await run.done;
    expect(exit.reason).toBe('failed');
    const alerts = run.of('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'exploding', fatal: true, epoch: 1 });
    expect(alerts[0].batch).toBeLessThanOrEqual(4);
    expect(alerts[0].message).toMatch(/^The loss exploded at epoch 1, batch \d: averaged over the last batches it reached [\d.e+]+, over 1,000 times its lowest \([\d.]+\), so training stopped\. Lower the learning rate \(now 10; try 1\)/);
    expect(exit.message).toBe(alerts[0].message);
    // It stopped there: no test evaluation of a model that blew up.
    expect(run.of('evaluation')).toEqual([]);
  });

  it('Adam at learning rate 10 on XOR: the loss rises over several epochs, and the run stops at the fifth', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', learningRate: 10 });
    const exit = await run.done;
    expect(exit).toMatchObject({ reason: 'failed', epochsCompleted: 5 });
    const losses = run.of('epochMetrics').flatMap((e) => e.epochs.map((r) => r.loss));
    expect(losses).toHaveLength(5);
    expect(losses[4]).toBeGreaterThan(1.5 * losses[0]);
    const [alert] = run.of('alert');
    expect(alert).toMatchObject({ kind: 'diverging', fatal: true, epoch: 5, batch: 10 });
    expect(alert.message).toMatch(/^The training loss is diverging: over the last 4 epochs it rose 3 times, from 4\.\d+ to 7\.\d+, and it never went below its first epoch, so training stopped after epoch 5\. Lower the learning rate \(now 10; try 1\)/);
    expect(exit.message).toBe(alert.message);
  });

  it('leaves a healthy run alone', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 30 });
    expect((await run.done).reason).toBe('completed');
    expect(run.of('alert')).toEqual([]);
  });
});

describe('a loss that is no longer finite says why', () => {
  const linear = () => {
    const b = new GraphBuilder('line');
    b.sequence(b.add('Input', { shape: [1] }), [['Dense', { units: 1 }]]);
    return b.withTraining({ optimizer: 'sgd', learningRate: 0.01, loss: 'meanSquaredError', batchSize: 16, epochs: 2, validationSplit: 0 }).build();
  };

  it('inputs of 1e20 overflow float32 in the first batch: it names float32 and the inputs, not the learning rate alone', async () => {
    const run = trainInProcess(linear(), { backend: 'cpu' }, { dataset: line(1e20) });
    const exit = await run.done;
    expect(exit.reason).toBe('failed');
    const [alert] = run.of('alert');
    expect(alert).toMatchObject({ kind: 'overflow', fatal: true, epoch: 1, batch: 1 });
    expect(alert.message).toMatch(/^The loss became (infinite|NaN \(not a number\)) at epoch 1, batch 1: values grew past float32's range \(about ±3\.4e\+38\) and overflowed, so training stopped\. The training inputs reach 1\.00e\+20: scale them/);
  });

  it('a NaN in the inputs is named as missing data', async () => {
    const run = trainInProcess(linear(), { backend: 'cpu' }, { dataset: line(1, NaN) });
    const exit = await run.done;
    expect(exit.reason).toBe('failed');
    expect(run.of('alert')[0]).toMatchObject({ kind: 'nan', epoch: 1 });
    expect(exit.message).toMatch(/^The loss became NaN at epoch 1, batch \d+ because the training inputs contain NaN \(missing or unreadable values\)/);
  });
});
