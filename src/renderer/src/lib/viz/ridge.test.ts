import { describe, expect, it } from 'vitest';
import { binAt, pickFrames, ridgeCurves, ridgeDomain, ridgeOutline } from './ridge.ts';

describe('ridge geometry', () => {
  it('picks frames evenly and always ends with the newest', () => {
    expect(pickFrames([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([0, 3, 6, 9]);
    expect(pickFrames([1, 2], 5)).toEqual([1, 2]);
    expect(pickFrames([1, 2, 3], 1)).toEqual([3]);
  });

  it('outlines a histogram through bin centres, scaled to its peak', () => {
    const o = ridgeOutline({ min: 0, max: 4, counts: [1, 4, 2, 0] }, 0.1);
    expect(o.xs).toEqual([0, 0.5, 1.5, 2.5, 3.5, 4]);
    expect(o.ys).toEqual([0, 0.25, 1, 0.5, 0, 0]);
    expect(ridgeOutline({ min: 0, max: 0, counts: [5] }, 0.2)).toEqual({ xs: [-0.1, 0, 0.1], ys: [0, 1, 0] });
  });

  it('gives all frames one domain, even all-zero biases', () => {
    expect(ridgeDomain([{ min: -1, max: 0.5, counts: [] }, { min: -0.2, max: 2, counts: [] }])).toEqual([-1, 2]);
    expect(ridgeDomain([{ min: 0, max: 0, counts: [3] }])).toEqual([-0.01, 0.01]);
    const frame = { step: 1, epoch: 1, histogram: { min: -1, max: 1, counts: [1, 3] }, mean: 0, std: 1 };
    expect(ridgeCurves([frame, frame], 5).curves).toHaveLength(2);
  });

  it('finds the bin under a value', () => {
    expect(binAt({ min: 0, max: 4, counts: [1, 4, 2, 0] }, 1.2)).toEqual({ lo: 1, hi: 2, count: 4 });
    expect(binAt({ min: 0, max: 4, counts: [1, 4, 2, 0] }, 4)).toEqual({ lo: 3, hi: 4, count: 0 });
    expect(binAt({ min: 0, max: 4, counts: [1] }, 5)).toBeNull();
  });
});
