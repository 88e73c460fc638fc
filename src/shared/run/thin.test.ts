import { describe, expect, it } from 'vitest';
import { mergeSpans, newestFrame } from './merge.ts';
import type { HistogramFrame, SpanPoint } from './state.ts';
import { thinItems, thinned, thinPush } from './thin.ts';

const point = (x: number, y: number): SpanPoint => ({ x, y, lo: y, hi: y });
const frame = (step: number): HistogramFrame => ({ step, epoch: 1, histogram: { min: 0, max: 1, counts: [step] }, mean: 0, std: 0 });

describe('a thinned list', () => {
  it('keeps every item while it has room', () => {
    const t = thinPush(thinned<SpanPoint>(8), [1, 2, 3, 4, 5].map((i) => point(i, i * 10)), mergeSpans);
    expect(thinItems(t, mergeSpans).map((p) => [p.x, p.y])).toEqual([[1, 10], [2, 20], [3, 30], [4, 40], [5, 50]]);
    expect(t.stride).toBe(1);
  });

  it('stays within its capacity for a million items and still spans the whole run evenly', () => {
    let t = thinned<SpanPoint>(2000);
    const n = 1_000_000;
    for (let start = 1; start <= n; start += 10_000) t = thinPush(t, Array.from({ length: 10_000 }, (_, i) => point(start + i, Math.sin((start + i) / 1000))), mergeSpans);
    const items = thinItems(t, mergeSpans);
    expect(items.length).toBeLessThanOrEqual(2001);
    expect(items.length).toBeGreaterThan(1000);
    expect(t.stride).toBe(512);
    // The first point is the mean of the first 512 steps; the last covers the newest ones.
    expect(items[0].x).toBeCloseTo(256.5, 6);
    expect(items.at(-1)!.x).toBeGreaterThan(n - 512);
    const gaps = new Set(t.kept.slice(1).map((p, i) => p.x - t.kept[i].x));
    expect([...gaps]).toEqual([512]);
  });

  it('merges figures by their mean and keeps the range of what it merged', () => {
    const t = thinPush(thinned<SpanPoint>(4), [5, 1, 7, 3, 2, 8, 4, 6].map((y, i) => point(i, y)), mergeSpans);
    expect(t.stride).toBe(2);
    expect(t.kept).toEqual([
      { x: 0.5, y: 3, lo: 1, hi: 5 },
      { x: 2.5, y: 5, lo: 3, hi: 7 },
      { x: 4.5, y: 5, lo: 2, hi: 8 },
      { x: 6.5, y: 5, lo: 4, hi: 6 },
    ]);
  });

  it('shows the newest item at once, before its group is full', () => {
    const t = thinPush(thinned<SpanPoint>(4), [...Array.from({ length: 8 }, (_, i) => point(i, i)), point(8, 100)], mergeSpans);
    expect(thinItems(t, mergeSpans).at(-1)).toEqual(point(8, 100));
    expect(thinItems(t, mergeSpans)).toHaveLength(5);
  });

  it('keeps weight histograms whole: the newest of each group, the newest of all last', () => {
    let t = thinned<HistogramFrame>(8);
    for (let step = 1; step <= 5000; step++) t = thinPush(t, [frame(step)], newestFrame);
    const steps = thinItems(t, newestFrame).map((f) => f.step);
    expect(steps.length).toBeLessThanOrEqual(9);
    expect(steps.at(-1)).toBe(5000);
    expect(new Set(steps.slice(1, -1).map((s, i) => s - steps[i])).size).toBe(1);
  });

  it('returns a new list and leaves the one given as it was', () => {
    const before = thinPush(thinned<SpanPoint>(4), [point(1, 1)], mergeSpans);
    const after = thinPush(before, [point(2, 2)], mergeSpans);
    expect(before.kept).toHaveLength(1);
    expect(after.kept).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(after))).toEqual(after);
  });
});
