import { describe, expect, it } from 'vitest';
import { emaSmooth } from './smooth.ts';

describe('emaSmooth', () => {
  it('starts at the first value instead of climbing from zero', () => {
    expect([...emaSmooth([1, 1, 1], 0.9)]).toEqual([1, 1, 1]);
  });

  it('follows a step slowly with a high weight and at once with 0', () => {
    const s = emaSmooth([0, 0, 10, 10], 0.5);
    expect(s[2]).toBeCloseTo(40 / 7, 12);
    expect([...emaSmooth([0, 10], 0)]).toEqual([0, 10]);
  });

  it('keeps gaps as gaps without poisoning the rest', () => {
    const s = emaSmooth([2, NaN, 2], 0.6);
    expect(Number.isNaN(s[1])).toBe(true);
    expect(s[2]).toBeCloseTo(2, 12);
  });
});
