import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../../shared/protocol/training-api.ts';
import type { BatchPoint, LayerSnapshot, TrainerEvent } from '../../../../shared/protocol/trainer.ts';
import { Changed, RunFold } from './fold.ts';

const dataset = { title: 'XOR (160 training points)', task: 'classification', inputShape: [2], numClasses: 2, targetSize: 1, trainCount: 160, testCount: 40, isImage: false } as const;

const ready: TrainerEvent = {
  type: 'ready',
  backend: 'tensorflow',
  device: 'CPU, 2 threads (TensorFlow)',
  skipped: [{ backend: 'tensorflow-gpu', reason: 'not installed: @tensorflow/tfjs-node-gpu' }, { backend: 'webgpu', reason: 'no adapter' }],
  tfVersion: '4.22.0',
  dataset,
  trainSamples: 160,
  valSamples: 0,
  batchesPerEpoch: 10,
  epochs: 3,
  params: 17,
};

function layer(name: string, spread: number, gradNorm: number): LayerSnapshot {
  const stats = { shape: [2, 4], histogram: { min: -spread, max: spread, counts: [1, 2, 3, 2] }, mean: 0, std: spread / 2, gradNorm };
  return { name, className: 'Dense', kernel: { ...stats, matrix: { rows: 2, cols: 4, sourceRows: 2, sourceCols: 4, values: [0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8] } }, bias: { ...stats, shape: [4] } };
}

function batches(epoch: number, losses: readonly number[]): TrainerEvent {
  const points: BatchPoint[] = losses.map((loss, i) => ({ step: (epoch - 1) * 10 + i + 1, epoch, batch: i + 1, loss, metrics: { accuracy: 1 - loss } }));
  return { type: 'batchMetrics', points };
}

/** A short XOR run as the trainer reports it: three epochs of ten batches, two snapshots, an alert, evaluation, exit. */
function xorRun(): TrainerEvent[] {
  return [
    { type: 'status', state: 'loading' },
    ready,
    { type: 'status', state: 'running' },
    batches(1, [0.71, 0.7, 0.69, 0.69, 0.68, 0.67, 0.66, 0.66, 0.65, 0.64]),
    { type: 'progress', epoch: 1, epochs: 3, batch: 10, batchesPerEpoch: 10, step: 10, totalSteps: 30, samplesPerSec: 1600, etaSeconds: 2, elapsedSeconds: 1 },
    { type: 'epochMetrics', epochs: [{ epoch: 1, loss: 0.67, metrics: { accuracy: 0.55 }, learningRate: 0.05, seconds: 1 }] },
    { type: 'snapshot', step: 10, epoch: 1, batch: 10, layers: [layer('dense_1', 0.5, 0.3), layer('dense_2', 0.4, 0.2)] },
    { type: 'alert', kind: 'dead-relu', layer: 'dense_1', epoch: 1, batch: 10, message: '3 of 4 units never fire', fatal: false },
    batches(2, [0.5, 0.45, 0.42, 0.4, 0.38, 0.35, 0.33, 0.31, 0.3, 0.28]),
    { type: 'epochMetrics', epochs: [{ epoch: 2, loss: 0.37, metrics: { accuracy: 0.85 }, learningRate: 0.05, seconds: 1 }] },
    { type: 'snapshot', step: 20, epoch: 2, batch: 10, layers: [layer('dense_1', 0.9, 0.1), layer('dense_2', 0.8, 0.05)] },
    {
      type: 'boundary', step: 20, epoch: 2, xMin: -1, xMax: 1, yMin: -1, yMax: 1, size: 2, numClasses: 2, output: [0.1, 0.9, 0.9, 0.1], unitSize: 2,
      units: [{ layer: 'dense_1', unit: 0, min: -1, max: 1, values: [-1, 0, 0, 1] }],
    },
    { type: 'alert', kind: 'vanishing', layer: 'dense_1', epoch: 2, batch: 10, message: 'gradients near zero', fatal: false },
    { type: 'alert', kind: 'dead-relu', layer: 'dense_1', epoch: 2, batch: 10, message: '2 of 4 units never fire', fatal: false },
    { type: 'status', state: 'evaluating' },
    { type: 'evaluation', split: 'test', samples: 40, loss: 0.3, metrics: { accuracy: 0.9 }, confusion: [[18, 2], [2, 18]], perClassAccuracy: [0.9, 0.9], predictions: [] },
    { type: 'log', level: 'info', message: 'saved' },
    { type: 'exit', reason: 'completed', message: 'Completed 2 epochs in 2 s.', epochsCompleted: 2 },
  ];
}

describe('RunFold', () => {
  it('folds a run into curves, weights, boundary, alerts per layer and the exit', () => {
    const fold = new RunFold({ label: 'Run A' });
    const seen: string[] = [];
    for (const e of xorRun()) {
      fold.apply(e);
      if (e.type === 'status') seen.push(fold.phase);
    }
    expect(seen).toEqual(['loading', 'running', 'evaluating']);
    expect(fold.phase).toBe('completed');
    expect(fold.ended).toBe(true);
    expect(fold.info).toMatchObject({ backend: 'tensorflow', batchesPerEpoch: 10, params: 17 });
    expect(fold.info?.skipped.map((s) => s.backend)).toEqual(['tensorflow-gpu', 'webgpu']);

    const curves = fold.trace.curves();
    expect(curves.metric).toBe('accuracy');
    expect(curves.batchLoss.length).toBe(20);
    expect(curves.batchLoss.y[0]).toBeCloseTo(0.71);
    expect(curves.batchLoss.y[19]).toBeCloseTo(0.28);
    expect([...curves.epochLoss.y]).toEqual([0.67, 0.37]);
    expect([...curves.epochMetric.y]).toEqual([0.55, 0.85]);

    expect(fold.trace.histogramFrames('dense_1', 'kernel').map((f) => f.histogram.max)).toEqual([0.5, 0.9]);
    const grads = fold.trace.gradients();
    expect(grads.map((g) => g.layer)).toEqual(['dense_1', 'dense_2']);
    // Kernel and bias gradients together: √(0.1² + 0.1²).
    expect(grads[0].series.y[1]).toBeCloseTo(Math.SQRT2 * 0.1);

    expect(fold.boundary?.output).toEqual([0.1, 0.9, 0.9, 0.1]);
    // One badge per kind: the newer dead-ReLU alert replaced the older one; NaN-first order.
    const alerts = fold.layerAlerts.get('dense_1')!;
    expect(alerts.map((a) => [a.kind, a.message])).toEqual([
      ['vanishing', 'gradients near zero'],
      ['dead-relu', '2 of 4 units never fire'],
    ]);
    expect(alerts[1].step).toBe(20);
    expect(fold.evaluation?.confusion).toEqual([[18, 2], [2, 18]]);
    expect(fold.exit?.message).toBe('Completed 2 epochs in 2 s.');
    expect(fold.messages.map((m) => m.message)).toEqual(['saved']);
  });

  it('says which views changed', () => {
    const fold = new RunFold();
    const events = xorRun();
    expect(fold.apply(events[3])).toBe(Changed.curves);
    expect(fold.apply(events[4])).toBe(Changed.progress);
    expect(fold.apply(events[6])).toBe(Changed.weights);
    expect(fold.apply(events[11])).toBe(Changed.boundary);
  });

  it('keeps a late status from overwriting the exit', () => {
    const fold = new RunFold();
    fold.apply({ type: 'exit', reason: 'stopped', message: 'Stopped after 1 epoch.', epochsCompleted: 1 });
    fold.apply({ type: 'status', state: 'saving' });
    expect(fold.phase).toBe('stopped');
  });

  it('stays bounded over 100,000 batch points and 2,000 snapshots', () => {
    const fold = new RunFold({ capacity: 1000, histograms: 40 });
    fold.apply(ready);
    const bpe = 1000;
    for (let start = 0; start < 100_000; start += 50) {
      const points: BatchPoint[] = [];
      for (let i = 1; i <= 50; i++) {
        const step = start + i;
        points.push({ step, epoch: Math.ceil(step / bpe), batch: ((step - 1) % bpe) + 1, loss: 2 / Math.sqrt(step), metrics: { accuracy: 1 - 1 / Math.sqrt(step) } });
      }
      fold.apply({ type: 'batchMetrics', points });
      if ((start / 50) % 50 === 0) fold.apply({ type: 'snapshot', step: start + 50, epoch: 1, batch: 1, layers: [layer('dense_1', 1, 1)] });
    }
    for (let i = 0; i < 2000; i++) fold.apply({ type: 'snapshot', step: 100_000 + i, epoch: 100, batch: 1, layers: [layer('dense_1', 1, 1)] });
    for (let i = 0; i < 500; i++) fold.apply({ type: 'log', level: 'info', message: `line ${i}` });

    const curves = fold.trace.curves();
    expect(curves.batchLoss.length).toBeLessThanOrEqual(1001);
    expect(curves.batchLoss.length).toBeGreaterThan(400);
    // Still the whole run, start to end.
    expect(curves.batchLoss.x[0]).toBeLessThan(200);
    expect(curves.batchLoss.x[curves.batchLoss.length - 1]).toBeGreaterThan(99_000);
    expect(fold.trace.histogramFrames('dense_1', 'kernel').length).toBeLessThanOrEqual(41);
    expect(fold.trace.gradients()[0].series.length).toBeLessThanOrEqual(1001);
    expect(fold.messages.length).toBe(50);
    expect(fold.messages.at(-1)?.message).toBe('line 499');
  });

  it('rebuilds a stored run from its record', () => {
    const record: RunRecord = {
      id: 'run-7',
      title: 'XOR MLP',
      projectPath: null,
      startedAt: '2026-11-23T13:00:00.000Z',
      endedAt: '2026-11-23T13:00:05.000Z',
      status: 'early-stopped',
      epochsCompleted: 2,
      epochs: 60,
      backend: 'wasm',
      device: 'WebAssembly, SIMD',
      last: null,
      test: null,
      message: 'Stopped early at epoch 2.',
      hasWeights: true,
      doc: {} as RunRecord['doc'],
      settings: {} as RunRecord['settings'],
      datasetInfo: dataset,
      dataset: null,
      skipped: [{ backend: 'tensorflow', reason: 'not installed' }],
      epochRecords: [
        { epoch: 1, loss: 0.6, metrics: { accuracy: 0.6 }, learningRate: 0.05, seconds: 1 },
        { epoch: 2, loss: 0.4, metrics: { accuracy: 0.8 }, learningRate: 0.05, seconds: 1 },
      ],
      batches: [
        { step: 5, epoch: 1, batch: 5, loss: 0.65, metrics: { accuracy: 0.6 } },
        { step: 15, epoch: 2, batch: 5, loss: 0.45, metrics: { accuracy: 0.8 } },
      ],
      lastSnapshot: { type: 'snapshot', step: 20, epoch: 2, batch: 10, layers: [layer('dense_1', 1, 0.5)] },
      lastBoundary: null,
      evaluation: null,
      alerts: [{ type: 'alert', kind: 'vanishing', layer: 'dense_1', epoch: 2, batch: 3, message: 'tiny gradients', fatal: false }],
    };
    const fold = new RunFold();
    fold.loadRecord(record);
    expect(fold.phase).toBe('early-stopped');
    expect(fold.info).toMatchObject({ backend: 'wasm', batchesPerEpoch: 10 });
    expect([...fold.trace.curves().epochLoss.y]).toEqual([0.6, 0.4]);
    expect(fold.trace.latest.map((l) => l.name)).toEqual(['dense_1']);
    expect(fold.layerAlerts.get('dense_1')?.[0].step).toBe(13);
    expect(fold.exit?.reason).toBe('early-stopped');
  });
});
