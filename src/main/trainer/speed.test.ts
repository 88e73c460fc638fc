import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../shared/compile/build-model.ts';
import type { TrainerEvent } from '../../shared/protocol/trainer.ts';
import { xorMlp } from '../../shared/templates/xor-mlp.ts';
import type { Tf } from './backends/types.ts';
import { snapshotStride } from './loop.ts';
import { createObjective } from './objective.ts';
import { SeededRandom } from './seed.ts';
import { createStepper } from './step.ts';
import { specOf, trainInProcess, type InProcessRun } from './testing.ts';
import { LiveTuning, penalizedWeights } from './tuning.ts';

const TF = tf as unknown as Tf;

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

/** Each event as the trainer posts it, so a command sent from a listener lands at a known point. */
const unthrottled = { maxMessagesPerSecond: 100_000 };

const stepsOf = (run: InProcessRun) => run.of('batchMetrics').flatMap((e) => e.points.map((p) => p.step));

function when(run: InProcessRun, test: (e: TrainerEvent) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const off = run.channel.onEvent((e) => {
      if (test(e)) {
        off();
        resolve();
      }
    });
  });
}

describe('watch speed', () => {
  it('holds a run to 20 steps per second and reports every step as its own point', async () => {
    // XOR: 160 training rows in batches of 16, so 10 steps an epoch; 3 epochs are 30 steps: about 1.5 s at 20/s.
    const started = performance.now();
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 3 }, { options: { ...unthrottled, stepsPerSecond: 20 } });
    const exit = await run.done;
    const seconds = (performance.now() - started) / 1000;
    expect(exit.reason).toBe('completed');
    expect(stepsOf(run)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // 29 waits of 50 ms at the least; the upper bound leaves room for a slow, shared machine.
    expect(seconds).toBeGreaterThan(1.4);
    expect(seconds).toBeLessThan(8);
    expect(run.of('tuning')[0]).toMatchObject({ stepsPerSecond: 20, learningRate: 0.05, l1: 0, l2: 0 });
    // Snapshots follow steps at a held pace: one every ceil(20 / 4) = 5 steps, plus the first and the final one.
    expect(run.of('snapshot').map((s) => s.step)).toEqual([1, 5, 10, 15, 20, 25, 30, 30]);
  });

  it('trains exactly one batch per Step while paused, and pauses again after it', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 5 }, { options: unthrottled });
    // A pause sent while the data loads holds the run before its first batch.
    run.channel.send({ type: 'pause' });
    await when(run, (e) => e.type === 'status' && e.state === 'paused');
    expect(stepsOf(run)).toEqual([]);
    for (let i = 1; i <= 3; i++) {
      const pausedAgain = when(run, (e) => e.type === 'status' && e.state === 'paused');
      run.channel.send({ type: 'step' });
      await pausedAgain;
      expect(stepsOf(run)).toEqual(Array.from({ length: i }, (_, k) => k + 1));
      expect(run.of('progress').at(-1)?.step).toBe(i);
    }
    // Nothing more trains while paused.
    await new Promise((r) => setTimeout(r, 200));
    expect(stepsOf(run)).toEqual([1, 2, 3]);
    // A Step while running is ignored; so the run ends as a run does.
    run.channel.send({ type: 'resume' });
    run.channel.send({ type: 'step' });
    const exit = await run.done;
    expect(exit.reason).toBe('completed');
    expect(run.of('status').map((s) => s.state)).toEqual(['loading', 'running', 'paused', 'running', 'paused', 'running', 'paused', 'running', 'paused', 'running', 'evaluating']);
    expect(stepsOf(run).at(-1)).toBe(50);
  });

  it('holds the pace for training batches only: validation runs through, and a Step at an epoch end pauses before the next training batch', async () => {
    // 160 rows, a fifth held out: 128 train in 8 batches of 16, and validation follows each epoch.
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 3, validationSplit: 0.2 }, { options: { ...unthrottled, stepsPerSecond: 50 } });
    run.channel.send({ type: 'pause' });
    await when(run, (e) => e.type === 'status' && e.state === 'paused');
    for (let i = 1; i <= 9; i++) {
      const pausedAgain = when(run, (e) => e.type === 'status' && e.state === 'paused');
      run.channel.send({ type: 'step' });
      await pausedAgain;
    }
    // Nine Steps: the whole first epoch with its validation, and one batch of the second.
    expect(stepsOf(run)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(run.of('epochMetrics').flatMap((e) => e.epochs).map((r) => [r.epoch, typeof r.valLoss])).toEqual([[1, 'number']]);
    run.channel.send({ type: 'stop' });
    expect((await run.done).reason).toBe('stopped');
  });

  it('changes speed while the run goes: a slow start, then full speed', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 30 }, { options: { ...unthrottled, stepsPerSecond: 5 } });
    await when(run, (e) => e.type === 'batchMetrics' && e.points.some((p) => p.step === 3));
    const fastFrom = performance.now();
    run.channel.send({ type: 'speed', stepsPerSecond: null });
    const exit = await run.done;
    expect(exit.reason).toBe('completed');
    // 297 more steps at 5/s would take a minute; at full speed they take a second or two.
    expect(performance.now() - fastFrom).toBeLessThan(20_000);
    expect(run.of('tuning').map((t) => t.stepsPerSecond)).toEqual([5, null]);
    expect(stepsOf(run).at(-1)).toBe(300);
    // The figures leave the held pace's waits out of the hardware's rate: the ETA at full speed is not that of 5 steps/s.
    const late = run.of('progress').filter((p) => p.step > 150);
    expect(late.length).toBeGreaterThan(0);
    expect(Math.max(...late.map((p) => p.etaSeconds ?? Infinity))).toBeLessThan(30);
  });

  it('gives a short full-speed run a history of snapshots, not one or two', async () => {
    // Default snapshot options, as the app runs it (every 50 steps, at least a second apart for a long run): 300 steps take a second or so.
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 30 }, { options: unthrottled });
    expect((await run.done).reason).toBe('completed');
    const steps = run.of('snapshot').map((s) => s.step);
    // About 40 (every 8 steps, a 40th of the run's time apart), however fast the machine.
    expect(steps.length).toBeGreaterThanOrEqual(15);
    expect(steps.length).toBeLessThanOrEqual(41);
    expect(steps[0]).toBe(1);
    expect(steps.at(-1)).toBe(300);
  });

  it('snapshots a short full-speed run about 40 times, and a long one every snapshotEvery steps', () => {
    expect(snapshotStride(null, 50, 600)).toBe(15);
    expect(snapshotStride(null, 50, 20_000)).toBe(50);
    expect(snapshotStride(2, 50, 600)).toBe(1);
    expect(snapshotStride(30, 50, 600)).toBe(8);
  });
});

describe('live learning rate and L1/L2', () => {
  /** The XOR network with fixed initial weights, an SGD optimizer, its tuning and stepper; and a batch of 4 points. */
  function tinyRun(lr: number) {
    const doc = xorMlp.build();
    const spec = specOf(doc);
    const settings = { ...spec.training, optimizer: 'sgd' as const, learningRate: lr };
    const random = new SeededRandom(7);
    const model = random.run(() => buildModel(TF, spec));
    const info = { title: 'xor', task: 'classification' as const, inputShape: [2], numClasses: 2, targetSize: 1, trainCount: 4, testCount: 0, isImage: false };
    const objective = createObjective(TF, settings, info, model.outputs[0].shape);
    const optimizer = tf.train.sgd(lr);
    let tuning: LiveTuning | null = null;
    const stepper = createStepper(TF, model, objective, optimizer, random, () => tuning!.penalty());
    tuning = new LiveTuning(TF, optimizer, settings, penalizedWeights(stepper.variables));
    tuning.beginEpoch(0);
    const batch = (): [tf.Tensor, tf.Tensor] => [tf.tensor2d([0.1, 0.9, -0.8, 0.7, 0.6, -0.5, -0.4, -0.3], [4, 2]), tf.tensor2d([1, 1, 1, 0], [4, 1])];
    const weights = () => stepper.variables.map((v) => Array.from(v.dataSync()));
    const step = () => {
      const r = stepper.run(batch, false);
      const loss = r.loss.dataSync()[0];
      tf.dispose([r.loss, ...r.metrics]);
      return loss;
    };
    /** The plain loss's gradient at the current weights, without a step. */
    const gradient = () => {
      const { value, grads } = tf.variableGrads(() => tf.tidy(() => {
        const [x, y] = batch();
        return objective.loss(y, model.apply(x, { training: true }) as tf.Tensor);
      }), [...stepper.variables]);
      const out = stepper.variables.map((v) => Array.from(grads[v.name].dataSync()));
      tf.dispose([value, ...Object.values(grads)]);
      return out;
    };
    const dispose = () => {
      tuning!.dispose();
      optimizer.dispose();
      model.dispose();
    };
    return { tuning, stepper, weights, step, gradient, dispose };
  }

  it('a new learning rate lands at the next step: the SGD update is the new rate times the gradient', () => {
    const net = tinyRun(0.1);
    net.step();
    const { changes } = net.tuning.apply({ learningRate: 0.5 }, 2);
    expect(changes).toEqual([{ type: 'change', step: 2, what: 'learningRate', from: 0.1, to: 0.5 }]);
    const before = net.weights();
    const grad = net.gradient();
    net.step();
    const after = net.weights();
    after.forEach((w, i) => w.forEach((value, j) => expect(value).toBeCloseTo(before[i][j] - 0.5 * grad[i][j], 5)));
    // The same step at the old rate would have moved the weights a fifth as far.
    expect(Math.abs(after[0][0] - before[0][0])).toBeGreaterThan(1e-4);
    net.dispose();
  });

  it('an L2 rate adds l2·Σw² over the kernels to the loss and 2·l2·w to their gradients, biases untouched', () => {
    const plain = tinyRun(0.1);
    const penalized = tinyRun(0.1);
    const w0 = penalized.weights();
    expect(penalized.tuning.apply({ l2: 0.2 }, 1).changes).toEqual([{ type: 'change', step: 1, what: 'l2', from: 0, to: 0.2 }]);
    const kernels = penalized.stepper.variables.map((v) => v.shape.length >= 2);
    const sumSquares = w0.filter((_, i) => kernels[i]).flat().reduce((a, w) => a + w * w, 0);
    const lossPlain = plain.step();
    const lossPenalized = penalized.step();
    expect(lossPenalized - lossPlain).toBeCloseTo(0.2 * sumSquares, 5);
    const a = plain.weights();
    const b = penalized.weights();
    b.forEach((w, i) => w.forEach((value, j) => expect(value - a[i][j]).toBeCloseTo(kernels[i] ? -0.1 * 2 * 0.2 * w0[i][j] : 0, 5)));
    // Back to 0: the penalty is gone from the next step on.
    penalized.tuning.apply({ l2: 0 }, 2);
    expect(penalized.tuning.penalty()).toBeNull();
    plain.dispose();
    penalized.dispose();
  });

  it('refuses a value out of range with a message and keeps the old one', () => {
    const net = tinyRun(0.1);
    const { changes, refused } = net.tuning.apply({ learningRate: 0, l1: -1, l2: 0.01 }, 5);
    expect(changes).toEqual([{ type: 'change', step: 5, what: 'l2', from: 0, to: 0.01 }]);
    expect(refused).toEqual(['learningRate must be above 0 and at most 10, got 0; the run keeps its learning rate.', 'l1 must be at least 0 and at most 10, got -1; the run keeps its l1 rate.']);
    expect(net.tuning.learningRate).toBe(0.1);
    net.dispose();
  });

  it('a tune command in a running trainer is reported at the step it lands on and marks the epochs that follow', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu', epochs: 4 }, { options: unthrottled });
    let sentAfter = -1;
    const off = run.channel.onEvent((e) => {
      if (e.type === 'batchMetrics' && sentAfter < 0 && e.points.some((p) => p.step >= 12)) {
        sentAfter = e.points.at(-1)!.step;
        run.channel.send({ type: 'tune', tuning: { learningRate: 0.01, l1: 0.001 } });
        off();
      }
    });
    await run.done;
    const changes = run.of('change');
    expect(changes.map((c) => [c.what, c.from, c.to])).toEqual([
      ['learningRate', 0.05, 0.01],
      ['l1', 0, 0.001],
    ]);
    // Commands are read between batches: the change lands on a batch after the one that was reported when it was sent.
    expect(changes[0].step).toBeGreaterThan(sentAfter);
    expect(changes[0].step).toBeLessThanOrEqual(21);
    expect(run.of('tuning').at(-1)).toMatchObject({ learningRate: 0.01, l1: 0.001, l2: 0 });
    expect(run.of('epochMetrics').flatMap((e) => e.epochs).at(-1)?.learningRate).toBe(0.01);
  });
});
