import { describe, expect, it } from 'vitest';
import { extent, formatLogTick, formatTick, formatValue, logDomain, logTicks, makeScale, niceDomain, niceStep, niceTicks, robustExtent } from './scale.ts';

describe('scales', () => {
  it('maps linearly and logarithmically, and inverts', () => {
    const s = makeScale([0, 10], [40, 240]);
    expect(s(5)).toBe(140);
    expect(s.invert(190)).toBe(7.5);
    const l = makeScale([0.01, 100], [200, 0], true);
    expect(l(1)).toBe(100);
    expect(l.invert(150)).toBeCloseTo(0.1, 12);
    // Zero has no logarithm: it lands at the floor, far below the axis, and never NaN.
    expect(Number.isFinite(l(0))).toBe(true);
  });
});

describe('ticks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.13)).toBe(0.2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(700)).toBe(1000);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.1, 0.35, 5)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    expect(niceDomain(0.13, 2.31)).toEqual([0, 2.5]);
    expect(niceDomain(3, 3)).toEqual([2.7, 3.3]);
  });

  it('covers whole decades on a log axis', () => {
    expect(logDomain(0.003, 2.2)).toEqual([0.001, 10]);
    expect(logTicks(0.1, 10)).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
    expect(logTicks(1e-6, 1)).toEqual([1e-6, 1e-5, 1e-4, 0.001, 0.01, 0.1, 1]);
  });

  it('labels ticks and values with the digits they need', () => {
    expect(formatTick(0.25, 0.05)).toBe('0.25');
    expect(formatTick(1200, 200)).toBe('1,200');
    expect(formatTick(3e-5, 1e-5)).toBe('3e-5');
    expect(formatLogTick(0.0001)).toBe('1e-4');
    expect(formatLogTick(0.5)).toBe('0.5');
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(2e-5)).toBe('2.000e-5');
  });
});

describe('extents', () => {
  it('ignores non-finite values and can trim spikes', () => {
    expect(extent([3, NaN, -1, Infinity, 2])).toEqual([-1, 3]);
    expect(extent([NaN])).toBeNull();
    const values = Array.from({ length: 200 }, (_, i) => (i === 0 ? 50 : 1 + i / 200));
    expect(robustExtent(values, 0.01)).toEqual([1.015, 1.99]);
  });
});
