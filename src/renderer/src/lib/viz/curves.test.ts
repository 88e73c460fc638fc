import { describe, expect, it } from 'vitest';
import type { BatchPoint, LayerSnapshot, TrainerEvent } from '../../../../shared/protocol/trainer.ts';
import { applyEvent, batchesPerEpoch, emptyRunState, type RunState } from '../../../../shared/run/index.ts';
import { xorRunEvents } from '../../../../shared/run/testing.ts';
import { curvesOf, gradientsOf, histogramFramesOf } from './curves.ts';
import { curveLines } from './loss-lines.ts';

const histogram = { min: -0.1, max: 0.1, counts: [1, 4, 9, 4, 1] };
const stats = { shape: [784, 128], histogram, mean: 0, std: 0.05, gradNorm: 0.3 };

function snapshot(step: number, epoch: number): TrainerEvent {
  const layers: LayerSnapshot[] = ['dense_1', 'dense_2', 'dense_3'].map((name, i) => ({
    nodeId: `n${i + 1}`,
    name,
    className: 'Dense',
    kernel: { ...stats, matrix: { rows: 2, cols: 2, sourceRows: 784, sourceCols: 128, values: [0, 1, 2, 3] } },
    bias: { ...stats, shape: [128], gradNorm: 0.4 },
  }));
  return { type: 'snapshot', step, epoch, batch: 1, layers };
}

const curves = (s: RunState) => curvesOf(s.batches, s.epochs, batchesPerEpoch(s), 'Run');

describe('chart views of a run', () => {
  it('draw the XOR run: 20 batch points, two epochs, accuracy as the metric, gradients by node', () => {
    const s = xorRunEvents().reduce(applyEvent, emptyRunState());
    const c = curves(s);
    expect(c.metric).toBe('accuracy');
    expect(c.batchesPerEpoch).toBe(10);
    expect(c.batchLoss.length).toBe(20);
    expect(c.batchLoss.y[0]).toBeCloseTo(0.71);
    expect([...c.epochLoss.y]).toEqual([0.67, 0.37]);
    expect([...c.epochMetric.y]).toEqual([0.55, 0.85]);
    const grads = gradientsOf(s.layers, s.gradients);
    expect(grads.map((g) => [g.nodeId, g.layer])).toEqual([['n1', 'dense_1'], ['n2', 'dense_2']]);
    expect(grads[0].series.y[1]).toBeCloseTo(Math.SQRT2 * 0.1);
    expect(histogramFramesOf(s.histograms, 'n1', 'kernel').map((f) => f.histogram.max)).toEqual([0.5, 0.9]);
  });

  it('stay bounded over a 60,000-image run streamed for 20 epochs', () => {
    // MNIST at batch 32: 1,875 batches an epoch, a point per batch, a snapshot every 50 batches.
    const bpe = 1875;
    let s = applyEvent(emptyRunState(), { type: 'progress', epoch: 1, epochs: 20, batch: 0, batchesPerEpoch: bpe, step: 0, totalSteps: 20 * bpe, samplesPerSec: 0, etaSeconds: null, elapsedSeconds: 0 });
    let step = 0;
    for (let epoch = 1; epoch <= 20; epoch++) {
      for (let first = 1; first <= bpe; first += 25) {
        const points: BatchPoint[] = [];
        for (let batch = first; batch < first + 25 && batch <= bpe; batch++) {
          step++;
          points.push({ step, epoch, batch, loss: 2 / Math.sqrt(step), metrics: { accuracy: 1 - 1 / Math.sqrt(step) } });
        }
        s = applyEvent(s, { type: 'batchMetrics', points });
        if (first % 50 === 1) s = applyEvent(s, snapshot(step, epoch));
      }
      s = applyEvent(s, { type: 'epochMetrics', epochs: [{ epoch, loss: 0.1, metrics: { accuracy: 0.97 }, valLoss: 0.12, valMetrics: { accuracy: 0.96 }, learningRate: 0.001, seconds: 10 }] });
      s = applyEvent(s, { type: 'alert', kind: 'dead-relu', layer: 'dense_2', nodeId: 'n2', epoch, batch: 10, message: 'Half the units are dead.', fatal: false });
    }
    expect(step).toBe(37_500);
    const c = curves(s);
    expect(c.batchesPerEpoch).toBe(bpe);
    expect(c.batchLoss.length).toBeLessThanOrEqual(2001);
    expect(c.batchMetric.length).toBeLessThanOrEqual(2001);
    expect(c.epochLoss.length).toBe(20);
    expect(c.valMetric.length).toBe(20);
    expect(c.batchLoss.x[c.batchLoss.length - 1]).toBeGreaterThan(37_000);
    // What LossChart draws is exactly these views: bounded as well.
    const lines = curveLines(c, { train: '#00f', val: '#f80' }, 0.6, 'epoch');
    for (const line of [...lines.loss, ...lines.metric]) expect(line.x.length).toBeLessThanOrEqual(2001);
    expect(s.layers).toHaveLength(3);
    expect(histogramFramesOf(s.histograms, 'n1', 'kernel').length).toBeLessThanOrEqual(49);
    const grads = gradientsOf(s.layers, s.gradients);
    expect(grads[0].series.length).toBeLessThanOrEqual(2001);
    expect(grads[0].series.y[0]).toBeCloseTo(0.5, 9); // √(0.3² + 0.4²)
    expect(s.alerts).toHaveLength(20);
    expect(s.alerts[0].step).toBe(10);
  });
});
