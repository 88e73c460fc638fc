import { describe, expect, it } from 'vitest';
import type { BatchPoint, LayerSnapshot, TrainerEvent } from '../../../../shared/protocol/trainer.ts';
import { curveLines } from './loss-lines.ts';
import { RunTrace, type BoundaryEvent } from './trace.ts';

const histogram = { min: -0.1, max: 0.1, counts: [1, 4, 9, 4, 1] };
const stats = { shape: [784, 128], histogram, mean: 0, std: 0.05, gradNorm: 0.3 };

function snapshot(step: number, epoch: number): TrainerEvent {
  const layers: LayerSnapshot[] = ['dense_1', 'dense_2', 'dense_3'].map((name) => ({
    name,
    className: 'Dense',
    kernel: { ...stats, matrix: { rows: 2, cols: 2, sourceRows: 784, sourceCols: 128, values: [0, 1, 2, 3] } },
    bias: { ...stats, shape: [128], gradNorm: 0.4 },
  }));
  return { type: 'snapshot', step, epoch, batch: 1, layers };
}

describe('RunTrace', () => {
  it('keeps memory bounded over a 60,000-image run streamed for 20 epochs', () => {
    // MNIST at batch 32: 1,875 batches an epoch, a point per batch, a snapshot every 50 batches.
    const bpe = 1875;
    const trace = new RunTrace({ label: 'MNIST' });
    trace.apply({ type: 'progress', epoch: 1, epochs: 20, batch: 0, batchesPerEpoch: bpe, step: 0, totalSteps: 20 * bpe, samplesPerSec: 0, etaSeconds: null, elapsedSeconds: 0 });
    let step = 0;
    for (let epoch = 1; epoch <= 20; epoch++) {
      for (let first = 1; first <= bpe; first += 25) {
        const points: BatchPoint[] = [];
        for (let batch = first; batch < first + 25 && batch <= bpe; batch++) {
          step++;
          points.push({ step, epoch, batch, loss: 2 / Math.sqrt(step), metrics: { accuracy: 1 - 1 / Math.sqrt(step) } });
        }
        trace.apply({ type: 'batchMetrics', points });
        if (first % 50 === 1) trace.apply(snapshot(step, epoch));
      }
      trace.apply({ type: 'epochMetrics', epochs: [{ epoch, loss: 0.1, metrics: { accuracy: 0.97 }, valLoss: 0.12, valMetrics: { accuracy: 0.96 }, learningRate: 0.001, seconds: 10 }] });
      trace.apply({ type: 'alert', kind: 'dead-relu', layer: 'dense_2', epoch, batch: 10, message: 'Half the units are dead.', fatal: false });
    }
    expect(step).toBe(37_500);
    const curves = trace.curves();
    expect(curves.metric).toBe('accuracy');
    expect(curves.batchesPerEpoch).toBe(bpe);
    expect(curves.batchLoss.length).toBeLessThanOrEqual(2001);
    expect(curves.batchMetric.length).toBeLessThanOrEqual(2001);
    expect(curves.epochLoss.length).toBe(20);
    expect(curves.batchLoss.x[curves.batchLoss.length - 1]).toBeGreaterThan(37_000);
    // What LossChart draws is exactly these views: bounded as well.
    const lines = curveLines(curves, { train: '#00f', val: '#f80' }, 0.6, 'epoch');
    for (const line of [...lines.loss, ...lines.metric]) expect(line.x.length).toBeLessThanOrEqual(2001);
    // 750 snapshots of 3 layers: histories thin themselves, gradients are capped buffers.
    expect(trace.weights()).toHaveLength(6);
    expect(trace.histogramFrames('dense_1', 'kernel').length).toBeLessThanOrEqual(49);
    const grads = trace.gradients();
    expect(grads.map((g) => g.layer)).toEqual(['dense_1', 'dense_2', 'dense_3']);
    expect(grads[0].series.length).toBeLessThanOrEqual(2001);
    expect(grads[0].series.y[0]).toBeCloseTo(0.5, 9); // √(0.3² + 0.4²)
    expect(trace.alerts().length).toBe(20);
  });

  it('caps alerts at the newest ones and places them on the step axis', () => {
    const trace = new RunTrace({ alerts: 3 });
    trace.apply({ type: 'progress', epoch: 1, epochs: 1, batch: 0, batchesPerEpoch: 100, step: 0, totalSteps: 100, samplesPerSec: 0, etaSeconds: null, elapsedSeconds: 0 });
    for (let k = 1; k <= 5; k++) trace.apply({ type: 'alert', kind: 'vanishing', layer: 'd', epoch: 2, batch: k, message: `m${k}`, fatal: false });
    expect(trace.alerts().map((a) => a.message)).toEqual(['m3', 'm4', 'm5']);
    expect(trace.alerts()[2].step).toBe(105);
  });

  it('keeps the newest decision boundary', () => {
    const trace = new RunTrace();
    const b = (step: number): BoundaryEvent => ({ type: 'boundary', step, epoch: 1, xMin: -1, xMax: 1, yMin: -1, yMax: 1, size: 2, numClasses: 2, output: [0, 1, 1, 0], unitSize: 0, units: [] });
    expect(trace.apply(b(10))).toBe(true);
    trace.apply(b(20));
    expect(trace.boundary?.step).toBe(20);
    expect(trace.apply({ type: 'log', level: 'info', message: 'x' })).toBe(false);
  });
});
