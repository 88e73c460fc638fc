import { describe, expect, it } from 'vitest';
import { emptyTrend, explosion, nonFiniteCause, steadyRise, withBatchLoss, withEpochLoss, type LossTrend, type ValueRange } from './divergence.ts';

const batches = (losses: readonly number[], t: LossTrend = emptyTrend()) => losses.reduce(withBatchLoss, t);
const epochs = (losses: readonly number[], t: LossTrend = emptyTrend()) => losses.reduce(withEpochLoss, t);
/** The first batch at which `explosion` fires, or null. */
function explodesAt(losses: readonly number[]): number | null {
  let t = emptyTrend();
  for (let i = 0; i < losses.length; i++) {
    t = withBatchLoss(t, losses[i]);
    if (explosion(t)) return i + 1;
  }
  return null;
}
/** The first epoch at which `steadyRise` fires, or null. */
function risesAt(losses: readonly number[]): number | null {
  let t = emptyTrend();
  for (let i = 0; i < losses.length; i++) {
    t = withEpochLoss(t, losses[i]);
    if (steadyRise(t)) return i + 1;
  }
  return null;
}

describe('explosion: a loss growing by orders of magnitude', () => {
  it('fires within a few batches of SGD overshooting, even when all of them arrive in one read', () => {
    // SGD at learning rate 10 on y = 2x + 1: each step multiplies the loss by ~100 until float32 overflows.
    expect(explodesAt([1.3, 40, 7e4, 1e8, 3e12, 5e21])).toBe(3);
    expect(explosion(batches([1.3, 40, 7e4]))).toEqual({ kind: 'exploding', average: expect.closeTo(14007.2, 1), lowest: 1.3 });
  });

  it('ignores healthy curves, a loss near 0 that wobbles, and one odd batch of a small batch size', () => {
    expect(explodesAt(Array.from({ length: 200 }, (_, i) => 0.7 * Math.exp(-i / 20) + 0.01 * Math.sin(i)))).toBeNull();
    // Converged near 0, then single samples far off: above 1,000 × the lowest, but the average stays below where it started.
    expect(explodesAt([2, ...Array.from({ length: 50 }, () => 1e-5), 1.9, 1e-5, 1.9, 1e-5])).toBeNull();
    expect(explodesAt([0.5, 0.5, 0.4, 3, 0.4, 0.4])).toBeNull();
  });

  it('leaves losses that are not finite to nonFiniteCause', () => {
    const t = batches([1, 2]);
    expect(withBatchLoss(t, NaN)).toBe(t);
    expect(withBatchLoss(t, Infinity)).toBe(t);
  });
});

describe('steadyRise: a training loss climbing over several epochs', () => {
  it('fires on Adam at a rate far too high on XOR (4.8 → 7.6 over five epochs), at the fifth epoch', () => {
    expect(risesAt([4.78, 5.91, 5.52, 6.75, 7.62, 7.62, 7.62])).toBe(5);
    expect(steadyRise(epochs([4.78, 5.91, 5.52, 6.75, 7.62]))).toEqual({ kind: 'rising', from: 4.78, to: 7.62, epochs: 4, rises: 3, lowest: 4.78, first: 4.78 });
  });

  it('fires on a run that learned and then turned back up past where it began', () => {
    // Epoch 6: it rose three times in four epochs and passed its first epoch's 1.
    expect(risesAt([1, 0.6, 0.5, 0.7, 0.9, 1.05, 1.2])).toBe(6);
  });

  it('does not fire on noise, a plateau, a rise that stays below the first epoch, or fewer than five epochs', () => {
    // Noise around a plateau.
    expect(risesAt([0.69, 0.7, 0.69, 0.71, 0.7, 0.72, 0.7, 0.71, 0.72])).toBeNull();
    // A converged loss that creeps up by 80 %: still far below where it started (overfitting shows on validation, not here).
    expect(risesAt([0.9, 0.2, 0.05, 0.01, 0.012, 0.014, 0.016, 0.018])).toBeNull();
    // Rose every epoch, but only 20 % over its lowest.
    expect(risesAt([1, 1.05, 1.1, 1.15, 1.2])).toBeNull();
    expect(risesAt([1, 2, 4, 8])).toBeNull();
  });
});

describe('nonFiniteCause: overflow past float32, or a NaN of another cause', () => {
  const clean: ValueRange = { hasNaN: false, hasInfinity: false, maxAbs: 3 };
  const data = (patch: Partial<Record<'inputs' | 'targets' | 'weights', ValueRange>> = {}) => ({ inputs: clean, targets: clean, weights: clean, ...patch });

  it('names NaN and ±Infinity in the data first, inputs before targets', () => {
    expect(nonFiniteCause(NaN, emptyTrend(), data({ targets: { ...clean, hasNaN: true }, inputs: { ...clean, hasInfinity: true } }))).toEqual({ kind: 'nan-in-data', where: 'targets' });
    expect(nonFiniteCause(Infinity, emptyTrend(), data({ inputs: { ...clean, hasInfinity: true } }))).toEqual({ kind: 'data-beyond-float32', where: 'inputs' });
  });

  it('calls an infinite loss, infinite weights, or a NaN after the loss grew a millionfold an overflow', () => {
    expect(nonFiniteCause(Infinity, batches([0.7]), data())).toEqual({ kind: 'overflow', unscaled: null, lastLoss: 0.7 });
    expect(nonFiniteCause(NaN, batches([0.7]), data({ weights: { hasNaN: true, hasInfinity: true, maxAbs: 1 } }))).toMatchObject({ kind: 'overflow' });
    expect(nonFiniteCause(NaN, batches([1.3, 5e3, 5e21]), data())).toEqual({ kind: 'overflow', unscaled: null, lastLoss: 5e21 });
  });

  it('points at unscaled data when the very first loss overflows', () => {
    expect(nonFiniteCause(NaN, emptyTrend(), data({ inputs: { ...clean, maxAbs: 1e20 } }))).toEqual({ kind: 'overflow', unscaled: { where: 'inputs', maxAbs: 1e20 }, lastLoss: null });
  });

  it('calls a NaN after ordinary losses, with clean data and finite weights, a NaN of another cause', () => {
    expect(nonFiniteCause(NaN, batches([0.7, 0.6, 0.52]), data({ weights: { hasNaN: true, hasInfinity: false, maxAbs: 2 } }))).toEqual({ kind: 'nan', lastLoss: 0.52 });
  });
});
