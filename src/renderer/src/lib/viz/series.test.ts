import { describe, expect, it } from 'vitest';
import { EMPTY_SERIES, SeriesBuffer, nearestIndex } from './series.ts';

describe('SeriesBuffer', () => {
  it('keeps every point while it has room', () => {
    const b = new SeriesBuffer(8);
    for (let i = 1; i <= 5; i++) b.push(i, i * 10);
    const v = b.view();
    expect(v.length).toBe(5);
    expect([...v.x]).toEqual([1, 2, 3, 4, 5]);
    expect([...v.y]).toEqual([10, 20, 30, 40, 50]);
    expect(b.bucketSize).toBe(1);
  });

  it('stays within its capacity for a million points and still spans the whole run', () => {
    const b = new SeriesBuffer(2000);
    const n = 1_000_000;
    for (let i = 1; i <= n; i++) b.push(i, Math.sin(i / 1000));
    const v = b.view();
    // Stored points plus the bucket being filled.
    expect(v.length).toBeLessThanOrEqual(2001);
    expect(v.length).toBeGreaterThan(1000);
    expect(b.received).toBe(n);
    expect(b.bucketSize).toBe(512);
    // The first point averages the first 512 steps; the last covers the newest ones.
    expect(v.x[0]).toBeCloseTo(256.5, 6);
    expect(v.x[v.length - 1]).toBeGreaterThan(n - 512);
    for (let i = 1; i < v.length; i++) expect(v.x[i]).toBeGreaterThan(v.x[i - 1]);
  });

  it('merges by means and keeps the min/max envelope of what it merged', () => {
    const b = new SeriesBuffer(4);
    [5, 1, 7, 3, 2, 8, 4, 6].forEach((y, i) => b.push(i, y));
    const v = b.view();
    expect(b.bucketSize).toBe(2);
    expect(v.length).toBe(4);
    expect([...v.x]).toEqual([0.5, 2.5, 4.5, 6.5]);
    expect([...v.y]).toEqual([3, 5, 5, 5]);
    expect([...v.lo]).toEqual([1, 3, 2, 4]);
    expect([...v.hi]).toEqual([5, 7, 8, 6]);
  });

  it('shows the newest value at once, before its bucket is full', () => {
    const b = new SeriesBuffer(4);
    for (let i = 0; i < 8; i++) b.push(i, i);
    b.push(8, 100);
    expect(b.last()).toEqual({ x: 8, y: 100 });
    expect(b.view().length).toBe(5);
  });

  it('counts and drops non-finite points; clear starts over', () => {
    const b = new SeriesBuffer(4);
    b.push(1, NaN);
    b.push(Infinity, 1);
    b.push(2, 3);
    expect(b.skipped).toBe(2);
    expect(b.received).toBe(1);
    b.clear();
    expect(b.view()).toBe(EMPTY_SERIES);
    expect(b.last()).toBeNull();
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
