import { describe, expect, it } from 'vitest';
import { absMax, cellAt, sourceSpan, spanText } from './heat.ts';

describe('heat map helpers', () => {
  it('scales symmetrically to the largest finite |value|', () => {
    expect(absMax([0.2, -0.7, NaN, 0.5])).toBe(0.7);
    expect(absMax([0, 0])).toBe(1);
  });

  it('says which original rows a block-mean cell stands for', () => {
    // 784 inputs shrunk to 64 cells: about 12 each.
    expect(sourceSpan(0, 64, 784)).toEqual({ first: 0, last: 12 });
    expect(sourceSpan(63, 64, 784)).toEqual({ first: 772, last: 783 });
    expect(sourceSpan(5, 10, 10)).toEqual({ first: 5, last: 5 });
    expect(spanText({ first: 7, last: 19 })).toBe('7–19');
    expect(spanText({ first: 3, last: 3 })).toBe('3');
  });

  it('finds the cell under a point', () => {
    expect(cellAt(150, 10, 200, 100, 4, 4)).toEqual({ row: 0, col: 3 });
    expect(cellAt(200, 10, 200, 100, 4, 4)).toBeNull();
  });
});
