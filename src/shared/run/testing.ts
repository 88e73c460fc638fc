/** A short XOR run as the trainer reports it, for tests of the fold and of what draws it. */
import type { BatchPoint, LayerSnapshot, TrainerEvent } from '../protocol/trainer.ts';

export const XOR_DATASET = { title: 'XOR (160 training points)', task: 'classification', inputShape: [2], numClasses: 2, targetSize: 1, trainCount: 160, testCount: 40, isImage: false } as const;

export const XOR_READY: Extract<TrainerEvent, { type: 'ready' }> = {
  type: 'ready',
  backend: 'tensorflow',
  device: 'CPU, 2 threads (TensorFlow)',
  skipped: [{ backend: 'tensorflow-gpu', reason: 'not installed: @tensorflow/tfjs-node-gpu' }, { backend: 'webgpu', reason: 'no adapter' }],
  tfVersion: '4.22.0',
  dataset: XOR_DATASET,
  trainSamples: 160,
  valSamples: 0,
  batchesPerEpoch: 10,
  epochs: 3,
  params: 17,
};

/** A Dense layer's snapshot: weights spread over ±spread, gradient norm gradNorm for kernel and bias alike. */
export function denseSnapshot(nodeId: string, name: string, spread: number, gradNorm: number): LayerSnapshot {
  const stats = { shape: [2, 4], histogram: { min: -spread, max: spread, counts: [1, 2, 3, 2] }, mean: 0, std: spread / 2, gradNorm };
  return { nodeId, name, className: 'Dense', kernel: { ...stats, matrix: { rows: 2, cols: 4, sourceRows: 2, sourceCols: 4, values: [0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8] } }, bias: { ...stats, shape: [4] } };
}

export function batchesOfEpoch(epoch: number, losses: readonly number[]): TrainerEvent {
  const points: BatchPoint[] = losses.map((loss, i) => ({ step: (epoch - 1) * 10 + i + 1, epoch, batch: i + 1, loss, metrics: { accuracy: 1 - loss } }));
  return { type: 'batchMetrics', points };
}

/** Two epochs of ten batches, two snapshots, a boundary, alerts, evaluation, exit. Layer dense_1 is node n1, dense_2 is n2. */
export function xorRunEvents(): TrainerEvent[] {
  return [
    { type: 'status', state: 'loading' },
    XOR_READY,
    { type: 'status', state: 'running' },
    batchesOfEpoch(1, [0.71, 0.7, 0.69, 0.69, 0.68, 0.67, 0.66, 0.66, 0.65, 0.64]),
    { type: 'progress', epoch: 1, epochs: 3, batch: 10, batchesPerEpoch: 10, step: 10, totalSteps: 30, samplesPerSec: 1600, etaSeconds: 2, elapsedSeconds: 1 },
    { type: 'epochMetrics', epochs: [{ epoch: 1, loss: 0.67, metrics: { accuracy: 0.55 }, learningRate: 0.05, seconds: 1 }] },
    { type: 'snapshot', step: 10, epoch: 1, batch: 10, layers: [denseSnapshot('n1', 'dense_1', 0.5, 0.3), denseSnapshot('n2', 'dense_2', 0.4, 0.2)] },
    { type: 'alert', kind: 'dead-relu', layer: 'dense_1', nodeId: 'n1', epoch: 1, batch: 10, message: '3 of 4 units never fire', fatal: false },
    batchesOfEpoch(2, [0.5, 0.45, 0.42, 0.4, 0.38, 0.35, 0.33, 0.31, 0.3, 0.28]),
    { type: 'epochMetrics', epochs: [{ epoch: 2, loss: 0.37, metrics: { accuracy: 0.85 }, learningRate: 0.05, seconds: 1 }] },
    { type: 'snapshot', step: 20, epoch: 2, batch: 10, layers: [denseSnapshot('n1', 'dense_1', 0.9, 0.1), denseSnapshot('n2', 'dense_2', 0.8, 0.05)] },
    {
      type: 'boundary', step: 20, epoch: 2, xMin: -1, xMax: 1, yMin: -1, yMax: 1, size: 2, numClasses: 2, output: [0.1, 0.9, 0.9, 0.1], unitSize: 2,
      units: [{ layer: 'dense_1', nodeId: 'n1', unit: 0, min: -1, max: 1, values: [-1, 0, 0, 1] }],
    },
    { type: 'alert', kind: 'vanishing', layer: 'dense_1', nodeId: 'n1', epoch: 2, batch: 10, message: 'gradients near zero', fatal: false },
    { type: 'alert', kind: 'dead-relu', layer: 'dense_1', nodeId: 'n1', epoch: 2, batch: 10, message: '2 of 4 units never fire', fatal: false },
    { type: 'status', state: 'evaluating' },
    { type: 'evaluation', split: 'test', samples: 40, loss: 0.3, metrics: { accuracy: 0.9 }, confusion: [[18, 2], [2, 18]], perClassAccuracy: [0.9, 0.9], predictions: [] },
    { type: 'log', level: 'info', message: 'saved' },
    { type: 'savedModel', dir: '/x/model', files: ['/x/model/model.json', '/x/model/weights.bin'], bytes: 400 },
    { type: 'exit', reason: 'completed', message: 'Completed 2 epochs in 2 s.', epochsCompleted: 2 },
  ];
}
