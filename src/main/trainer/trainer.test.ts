import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { linearRegression } from '../../shared/templates/linear-regression.ts';
import { xorMlp } from '../../shared/templates/xor-mlp.ts';
import { trainInProcess } from './testing.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('trainer core, in process (cpu backend)', () => {
  it('trains the XOR MLP to 100 % training accuracy and reports the test set', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu' });
    const exit = await run.done;
    expect(exit).toMatchObject({ type: 'exit', reason: 'completed', epochsCompleted: 60 });
    const epochs = run.of('epochMetrics').flatMap((e) => e.epochs);
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(epochs.at(-1)!.metrics.accuracy).toBe(1);
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0].loss / 10);
    const [ready] = run.of('ready');
    expect(ready).toMatchObject({ backend: 'cpu', trainSamples: 160, valSamples: 0, batchesPerEpoch: 10, params: 17 });
    const [evaluation] = run.of('evaluation');
    expect(evaluation.samples).toBe(40);
    expect(evaluation.metrics.accuracy).toBe(1);
    expect(evaluation.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(40);
    expect(evaluation.predictions).toHaveLength(24);
  });

  it('recovers y = 2x + 1 and saves model.json + weights.bin that tfjs loads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nw-train-'));
    dirs.push(dir);
    const run = trainInProcess(linearRegression.build(), { backend: 'cpu' }, { options: { saveDir: join(dir, 'model') } });
    expect((await run.done).reason).toBe('completed');
    const [saved] = run.of('savedModel');
    expect(saved.files.map((f) => f.slice(dir.length))).toEqual(['/model/model.json', '/model/weights.bin']);
    const json = JSON.parse(await readFile(saved.files[0], 'utf8'));
    const bin = await readFile(saved.files[1]);
    const [slope, intercept] = new Float32Array(bin.buffer, bin.byteOffset, 2);
    expect(Math.abs(slope - 2)).toBeLessThan(0.1);
    expect(Math.abs(intercept - 1)).toBeLessThan(0.1);
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) }));
    const y = model.predict(tf.tensor2d([[3]])) as tf.Tensor;
    expect(Math.abs((await y.data())[0] - 7)).toBeLessThan(0.3);
    tf.dispose([y]);
    model.dispose();
  });

  it('keeps the tensor count flat from epoch to epoch', async () => {
    const counts: number[] = [];
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 12, validationSplit: 0.2 }, { options: { maxMessagesPerSecond: 100_000, snapshotEvery: 3, snapshotMinIntervalMs: 0 } });
    run.channel.onEvent((e) => {
      if (e.type === 'epochMetrics') counts.push(tf.memory().numTensors);
    });
    expect((await run.done).reason).toBe('completed');
    expect(counts).toHaveLength(12);
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(run.of('snapshot').length).toBeGreaterThan(10);
    // Decision-boundary pictures ride along with every snapshot, and the count stays flat with them.
    expect(run.of('boundary').length).toBeGreaterThan(10);
  });

  it('repeats a run exactly with the same seed on the cpu backend', async () => {
    const losses = async (seed: number) => {
      const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 3, seed });
      await run.done;
      return run.of('epochMetrics').flatMap((e) => e.epochs.map((r) => r.loss));
    };
    const [a, b, c] = [await losses(7), await losses(7), await losses(8)];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('stops a diverging run with an alert naming the epoch and batch, before the loss overflows', async () => {
    const run = trainInProcess(linearRegression.build(), { backend: 'cpu', learningRate: 10, optimizer: 'sgd' });
    const exit = await run.done;
    expect(exit.reason).toBe('failed');
    const [alert] = run.of('alert');
    expect(alert).toMatchObject({ kind: 'exploding', fatal: true, epoch: expect.any(Number), batch: expect.any(Number) });
    expect(alert.message).toMatch(new RegExp(`epoch ${alert.epoch}, batch ${alert.batch}.*lower the learning rate \\(now 10; try 1\\)`, 'i'));
    expect(exit.message).toBe(alert.message);
  });

  it('sends no more than 20 messages in any second', async () => {
    const times: number[] = [];
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 80, batchSize: 4 }, { options: { snapshotEvery: 10, snapshotMinIntervalMs: 0 } });
    run.channel.onEvent(() => times.push(performance.now()));
    await run.done;
    const perSecond = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(perSecond).toBeLessThanOrEqual(20);
    // Nothing was lost by merging: every epoch arrives.
    expect(run.of('epochMetrics').flatMap((e) => e.epochs)).toHaveLength(80);
  });
});
