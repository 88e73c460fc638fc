import { describe, expect, it } from 'vitest';
import { EMPTY_SERIES, nearestIndex, seriesOf } from './series.ts';

describe('seriesOf', () => {
  it('makes typed arrays of the points, leaving out the ones that are not finite, the range defaulting to the value', () => {
    const v = seriesOf([{ x: 1, y: 10, lo: 8, hi: 12 }, { x: 2, y: Number.NaN }, { x: 3, y: 30 }]);
    expect(v.length).toBe(2);
    expect([...v.x]).toEqual([1, 3]);
    expect([...v.y]).toEqual([10, 30]);
    expect([...v.lo]).toEqual([8, 30]);
    expect([...v.hi]).toEqual([12, 30]);
    expect(seriesOf([])).toBe(EMPTY_SERIES);
  });
});

describe('nearestIndex', () => {
  it('finds the nearest x by binary search', () => {
    const xs = [0, 10, 20, 30];
    expect(nearestIndex(xs, 14)).toBe(1);
    expect(nearestIndex(xs, 16)).toBe(2);
    expect(nearestIndex(xs, -5)).toBe(0);
    expect(nearestIndex(xs, 99)).toBe(3);
    expect(nearestIndex(xs, 99, 2)).toBe(1);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});
