import { describe, expect, it } from 'vitest';
import type { LayerSnapshot } from '../../shared/protocol/trainer.ts';
import { HealthMonitor } from './monitor.ts';

const row = (batch: number, loss: number) => ({ step: batch, epoch: 2, batch, n: 32, loss, metrics: [] });

describe('HealthMonitor', () => {
  it('names the first batch whose loss is not finite', () => {
    const m = new HealthMonitor(() => 0.5);
    const alert = m.checkLosses([row(4, 1.2), row(5, Infinity), row(6, NaN)]);
    expect(alert).toMatchObject({ kind: 'nan', epoch: 2, batch: 5, fatal: true });
    expect(alert!.message).toContain('infinite at epoch 2, batch 5');
    expect(alert!.message).toContain('Lower the learning rate (now 0.5; try 0.05)');
  });

  it('calls a loss exploding only when it is far above both its best and its start', () => {
    const m = new HealthMonitor(() => 0.1);
    expect(m.checkLosses([row(1, 2)])).toBeNull();
    expect(m.checkLosses([row(2, 0.001)])).toBeNull();
    expect(m.checkLosses([row(3, 1.5)])).toBeNull(); // 1,500 × its best, but below where it started
    expect(m.checkLosses([row(4, 5)])).toMatchObject({ kind: 'exploding', batch: 4 });
  });

  it('warns once about a layer whose gradients stay below 1e-7, and about dead ReLUs', () => {
    const m = new HealthMonitor(() => 0.1);
    m.checkLosses([row(1, 2)]);
    const layer = (norm: number, dead: number): LayerSnapshot => ({ nodeId: 'n7', name: 'dense_1', className: 'Dense', deadFraction: dead, kernel: { shape: [2, 2], histogram: { min: 0, max: 0, counts: [] }, mean: 0, std: 0, gradNorm: norm, matrix: { rows: 2, cols: 2, sourceRows: 2, sourceCols: 2, values: [0, 0, 0, 0] } } });
    const at = { epoch: 1, batch: 1 };
    expect(m.checkSnapshot([layer(1e-9, 0.5)], at, 1)).toEqual([]);
    expect(m.checkSnapshot([layer(1e-9, 0.5)], at, 1)).toEqual([]);
    const alerts = m.checkSnapshot([layer(1e-9, 1)], at, 1);
    expect(alerts.map((a) => [a.kind, a.layer, a.nodeId, a.fatal])).toEqual([
      ['vanishing', 'dense_1', 'n7', false],
      ['dead-relu', 'dense_1', 'n7', false],
    ]);
    expect(m.checkSnapshot([layer(1e-9, 1)], at, 1)).toEqual([]);
  });
});
