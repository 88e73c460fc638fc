import { describe, expect, it } from 'vitest';
import type { LayerSnapshot } from '../../shared/protocol/trainer.ts';
import { HealthMonitor, type ValueRanges } from './monitor.ts';

const row = (batch: number, loss: number) => ({ step: batch, epoch: 2, batch, n: 32, loss, metrics: [] });
const clean = { hasNaN: false, hasInfinity: false, maxAbs: 1 };
const ranges = (patch: Partial<ValueRanges> = {}): (() => Promise<ValueRanges>) => async () => ({ inputs: clean, targets: clean, weights: clean, ...patch });

describe('HealthMonitor', () => {
  it('calls an infinite loss an overflow past float32, and says what to try', async () => {
    const m = new HealthMonitor(() => 0.5, ranges());
    const alert = await m.checkLosses([row(4, 1.2), row(5, Infinity), row(6, NaN)]);
    expect(alert).toMatchObject({ kind: 'overflow', epoch: 2, batch: 5, fatal: true });
    expect(alert!.message).toBe(
      "The loss became infinite at epoch 2, batch 5 (the loss was 1.2 just before): values grew past float32's range (about ±3.4e+38) and overflowed, so training stopped. Lower the learning rate (now 0.5; try 0.05), and check that the inputs are scaled (standardize each column, pixels to 0–1).",
    );
  });

  it('blames unscaled inputs, not the learning rate, when they are what overflows', async () => {
    const m = new HealthMonitor(() => 0.01, ranges({ inputs: { hasNaN: false, hasInfinity: false, maxAbs: 3e20 } }));
    const alert = await m.checkLosses([row(1, NaN)]);
    expect(alert).toMatchObject({ kind: 'overflow', batch: 1 });
    expect(alert!.message).toContain("values grew past float32's range (about ±3.4e+38) and overflowed");
    expect(alert!.message).toContain('The training inputs reach 3.00e+20: scale them (standardize each column, pixels to 0–1)');
  });

  it('tells NaN in the data and a NaN of another cause from an overflow', async () => {
    const missing = await new HealthMonitor(() => 0.01, ranges({ targets: { hasNaN: true, hasInfinity: false, maxAbs: 1 } })).checkLosses([row(1, NaN)]);
    expect(missing).toMatchObject({ kind: 'nan' });
    expect(missing!.message).toBe('The loss became NaN at epoch 2, batch 1 because the training targets contain NaN (missing or unreadable values), so training stopped. Fill or drop the missing values in the dataset.');

    const beyond = await new HealthMonitor(() => 0.01, ranges({ inputs: { hasNaN: false, hasInfinity: true, maxAbs: 5 } })).checkLosses([row(1, Infinity)]);
    expect(beyond).toMatchObject({ kind: 'overflow' });
    expect(beyond!.message).toContain("the training inputs hold numbers beyond float32's range (about ±3.4e+38), which became infinite when loaded");

    const other = await new HealthMonitor(() => 0.01, ranges()).checkLosses([row(1, 0.7), row(2, 0.52), row(3, NaN)]);
    expect(other).toMatchObject({ kind: 'nan', batch: 3 });
    expect(other!.message).toMatch(/^The loss became NaN at epoch 2, batch 3 although the loss was 0\.52 just before and no value was near float32's limit, so training stopped: an invalid operation/);
  });

  it('counts weights that became infinite as an overflow even when the loss before looked normal', async () => {
    const m = new HealthMonitor(() => 0.01, ranges({ weights: { hasNaN: true, hasInfinity: true, maxAbs: 2 } }));
    expect(await m.checkLosses([row(1, 0.7), row(2, NaN)])).toMatchObject({ kind: 'overflow' });
  });

  it('calls a loss exploding when its average passes 1,000 times its lowest and its start, within one window', async () => {
    const m = new HealthMonitor(() => 10);
    // SGD far too fast: every step overshoots further; all of it arrives in one read.
    const alert = await m.checkLosses([row(1, 1.3), row(2, 40), row(3, 7e4), row(4, 1e8)]);
    expect(alert).toMatchObject({ kind: 'exploding', batch: 3, fatal: true });
    expect(alert!.message).toMatch(/^The loss exploded at epoch 2, batch 3: averaged over the last batches it reached 1\.40e\+4, over 1,000 times its lowest \(1\.3\), so training stopped\. Lower the learning rate \(now 10; try 1\)/);
    // A loss near 0 that wobbles, or one odd batch, is not exploding.
    const calm = new HealthMonitor(() => 0.1);
    expect(await calm.checkLosses([row(1, 2), ...Array.from({ length: 30 }, (_, i) => row(i + 2, 0.0001)), row(40, 1.5)])).toBeNull();
  });

  it('stops a run whose epoch loss keeps rising, naming the epochs and the figures', () => {
    const m = new HealthMonitor(() => 10);
    const epoch = (n: number, loss: number) => ({ epoch: n, loss, metrics: {}, learningRate: 10, seconds: 0.1 });
    const losses = [4.78, 5.91, 5.52, 6.75];
    losses.forEach((l, i) => expect(m.checkEpoch(epoch(i + 1, l), 10)).toBeNull());
    const alert = m.checkEpoch(epoch(5, 7.62), 10);
    expect(alert).toMatchObject({ kind: 'diverging', epoch: 5, batch: 10, fatal: true });
    expect(alert!.message).toBe(
      'The training loss is diverging: over the last 4 epochs it rose 3 times, from 4.78 to 7.62, and it never went below its first epoch, so training stopped after epoch 5. Lower the learning rate (now 10; try 1); with Adam or RMSprop rates around 0.001 are usual.',
    );
  });

  it('warns once about a layer whose gradients stay below 1e-7, and about dead ReLUs', async () => {
    const m = new HealthMonitor(() => 0.1);
    await m.checkLosses([row(1, 2)]);
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
