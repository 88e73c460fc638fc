import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../shared/document/builder.ts';
import { xorMlp } from '../../shared/templates/xor-mlp.ts';
import { trainInProcess } from './testing.ts';

const nextEvent = (run: ReturnType<typeof trainInProcess>, type: string) =>
  new Promise<number>((resolve) => {
    const off = run.channel.onEvent((e) => {
      if (e.type === type) {
        off();
        resolve(performance.now());
      }
    });
  });

describe('trainer core: control and options', () => {
  it('stops within a second of the stop command', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 100_000 });
    await nextEvent(run, 'epochMetrics');
    const asked = performance.now();
    run.channel.send({ type: 'stop' });
    const exit = await run.done;
    expect(performance.now() - asked).toBeLessThan(1000);
    expect(exit.reason).toBe('stopped');
    expect(exit.message).toMatch(/^Stopped after epoch \d+, batch \d+ of 10 \(step \d+\)\.$/);
  });

  // Unthrottled, so each event reaches the test as the trainer posts it: what the test does next lands at a known point of the run.
  const unthrottled = { options: { maxMessagesPerSecond: 100_000 } };

  it('pauses between batches and resumes where it was', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 20 }, unthrottled);
    // The pause is sent from the listener, as epoch 1 is reported, so it is queued before the trainer turns the event loop at
    // the start of epoch 2; it lands there on any machine. (Sent after an await, it could queue behind that turn.)
    const paused = new Promise<void>((resolve) =>
      run.channel.onEvent((e) => {
        if (e.type === 'epochMetrics' && e.epochs[0].epoch === 1) run.channel.send({ type: 'pause' });
        if (e.type === 'status' && e.state === 'paused') resolve();
      }),
    );
    await paused;
    const seen = run.events.length;
    expect(run.events.at(-1)).toEqual({ type: 'status', state: 'paused' });
    await new Promise((r) => setTimeout(r, 300));
    expect(run.events.slice(seen)).toEqual([]);
    expect(run.of('epochMetrics').flatMap((e) => e.epochs.map((r) => r.epoch))).toEqual([1]);
    run.channel.send({ type: 'resume' });
    const exit = await run.done;
    expect(exit.reason).toBe('completed');
    expect(run.of('status').map((s) => s.state)).toEqual(['loading', 'running', 'paused', 'running', 'evaluating']);
    expect(run.of('epochMetrics').flatMap((e) => e.epochs.map((r) => r.epoch))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const steps = run.of('batchMetrics').flatMap((e) => e.points.map((p) => p.step));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(steps.length);
  });

  it('holds a pause sent while the data loads until training begins, and trains no batch before the resume', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 3 }, unthrottled);
    // Delivered right after the start command, while the session awaits its dataset.
    run.channel.send({ type: 'pause' });
    await nextEvent(run, 'ready');
    await new Promise((r) => setTimeout(r, 200));
    expect(run.of('status').map((s) => s.state)).toEqual(['loading', 'running', 'paused']);
    expect(run.of('batchMetrics')).toEqual([]);
    expect(run.of('progress')).toEqual([]);
    run.channel.send({ type: 'resume' });
    expect((await run.done).reason).toBe('completed');
    expect(run.of('status').map((s) => s.state)).toEqual(['loading', 'running', 'paused', 'running', 'evaluating']);
    expect(run.of('epochMetrics').flatMap((e) => e.epochs)).toHaveLength(3);
  });

  it('says nothing after its exit: a pause in evaluation and commands after the end are ignored', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 2 }, unthrottled);
    run.channel.onEvent((e) => {
      if (e.type === 'status' && e.state === 'evaluating') run.channel.send({ type: 'pause' });
    });
    expect((await run.done).reason).toBe('completed');
    for (const type of ['pause', 'resume', 'stop'] as const) run.channel.send({ type });
    await new Promise((r) => setTimeout(r, 100));
    expect(run.events.at(-1)?.type).toBe('exit');
    expect(run.of('exit')).toHaveLength(1);
    expect(run.of('status').map((s) => s.state)).toEqual(['loading', 'running', 'evaluating']);
  });

  it('stops early when the watched figure stops improving, keeping the best weights, and the save says they are that epoch\'s', async () => {
    const saveDir = await mkdtemp(join(tmpdir(), 'nw-early-'));
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 200, earlyStopping: { monitor: 'acc', patience: 3, restoreBestWeights: true } }, { options: { saveDir } });
    const exit = await run.done;
    await rm(saveDir, { recursive: true, force: true });
    expect(exit.reason).toBe('early-stopped');
    const epochs = run.of('epochMetrics').flatMap((e) => e.epochs);
    expect(epochs.length).toBeLessThan(200);
    const best = Math.max(...epochs.map((e) => e.metrics.accuracy));
    const firstBest = epochs.find((e) => e.metrics.accuracy === best)!.epoch;
    expect(epochs.length).toBe(firstBest + 3);
    expect(exit.message).toContain(`kept the weights of epoch ${firstBest}`);
    expect(run.of('savedModel')[0].weights).toEqual({ step: firstBest * 10, epoch: firstBest, batch: 10, batchesPerEpoch: 10 });
  });

  it('follows a step learning-rate schedule', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 5, learningRate: 0.08, schedule: { kind: 'step', everyEpochs: 2, factor: 0.5 } });
    await run.done;
    expect(run.of('epochMetrics').flatMap((e) => e.epochs.map((r) => r.learningRate))).toEqual([0.08, 0.08, 0.04, 0.04, 0.02]);
  });

  it('rejects an output layer that does not fit the data, saying what to change', async () => {
    const b = new GraphBuilder('bad');
    b.sequence(b.add('Input', { shape: [2] }), [['Dense', { units: 3, activation: 'softmax' }]]);
    const doc = b.withDataset({ kind: 'generated', name: 'xor', samples: 40, noise: 0, trainRatio: 0.8, seed: 1 }).withTraining({ loss: 'sparseCategoricalCrossentropy' }).build();
    const run = trainInProcess(doc, { backend: 'cpu' });
    const exit = await run.done;
    expect(exit.reason).toBe('failed');
    expect(exit.message).toBe('sparseCategoricalCrossentropy needs one output unit per class: the dataset has 2 classes but the output layer has 3 units; set its units to 2');
  });

  it('walks the backend ladder and says why each earlier rung was skipped', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'auto', epochs: 1 });
    expect((await run.done).reason).toBe('completed');
    const [ready] = run.of('ready');
    expect(ready.skipped.map((s) => s.backend)).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow']);
    expect(ready.skipped[0].reason).toMatch(/^not installed: @tensorflow\/tfjs-node-gpu/);
    expect(ready.skipped[2].reason).toMatch(/^not installed: @tensorflow\/tfjs-node/);
    expect(ready.backend).toBe('wasm');
  });

  it("trains an image model whose Input adds a channel axis to the dataset's [h, w] images", async () => {
    // The builtin MNIST set is [28, 28] and LeNet's Input is [28, 28, 1]: same values, so the trainer reshapes.
    const b = new GraphBuilder('cnn');
    b.sequence(b.add('Input', { shape: [6, 6, 1] }), [['Conv2D', { filters: 2, kernelSize: [3, 3] }], ['Flatten'], ['Dense', { units: 2, activation: 'softmax' }]]);
    const info = { title: 'tiny', task: 'classification' as const, inputShape: [6, 6], numClasses: 2, targetSize: 1, trainCount: 4, testCount: 2, isImage: true };
    const pixels = (n: number) => Array.from({ length: n * 36 }, (_, i) => (i % 7) / 7);
    const run = trainInProcess(b.build(), { backend: 'cpu', epochs: 2, batchSize: 2, loss: 'sparseCategoricalCrossentropy' }, {
      dataset: { kind: 'inline', info, xTrain: pixels(4), yTrain: [0, 1, 0, 1], xTest: pixels(2), yTest: [1, 0] },
    });
    expect((await run.done).reason).toBe('completed');
    expect(run.of('evaluation')[0].samples).toBe(2);
    const conv = run.of('snapshot').at(-1)!.layers[0];
    expect(conv.kernel!.shape).toEqual([3, 3, 1, 2]);
    expect(conv.images).toMatchObject({ width: 3, height: 3, channels: 1, units: 2 });
  });

  it('picks wasm for a CNN on auto, now that wasm has every gradient kernel', async () => {
    const b = new GraphBuilder('cnn');
    b.sequence(b.add('Input', { shape: [6, 6, 1] }), [['Conv2D', { filters: 2, kernelSize: [3, 3] }], ['Flatten'], ['Dense', { units: 2, activation: 'softmax' }]]);
    const info = { title: 'tiny', task: 'classification' as const, inputShape: [6, 6, 1], numClasses: 2, targetSize: 1, trainCount: 4, testCount: 0, isImage: true };
    const run = trainInProcess(b.build(), { backend: 'auto', epochs: 1, batchSize: 2 }, {
      dataset: { kind: 'inline', info, xTrain: Array.from({ length: 144 }, (_, i) => (i % 7) / 7), yTrain: [0, 1, 0, 1], xTest: [], yTest: [] },
    });
    expect((await run.done).reason).toBe('completed');
    const [ready] = run.of('ready');
    expect(ready.backend).toBe('wasm');
    expect(ready.skipped.map((s) => s.backend)).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow']);
  });
});
