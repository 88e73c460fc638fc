import { describe, expect, it } from 'vitest';
import { barLayout } from './activation-bars.ts';

describe('barLayout', () => {
  it('stands positive outputs on the bottom edge, tallest filling the height', () => {
    const { bars, zero } = barLayout([0.25, 1, 0], 30, 40);
    expect(zero).toBe(40);
    expect(bars.map((b) => [b.x, b.y, b.width, b.height])).toEqual([
      [0, 30, 9, 10],
      [10, 0, 9, 40],
      [20, 40, 9, 0],
    ]);
  });

  it('puts the zero line between the largest and the smallest output when both signs occur', () => {
    const { bars, zero } = barLayout([1, -0.5], 20, 30);
    expect(zero).toBe(20);
    expect(bars[0]).toEqual({ x: 0, y: 0, width: 9, height: 20, negative: false });
    expect(bars[1]).toEqual({ x: 10, y: 20, width: 9, height: 10, negative: true });
  });

  it('draws probabilities on 0…1, so ten even guesses stay short', () => {
    const { bars } = barLayout(Array.from({ length: 10 }, () => 0.1), 100, 50);
    expect(bars.every((b) => Math.abs(b.height - 5) < 1e-9)).toBe(true);
    // Not probabilities: the largest fills the height.
    expect(barLayout([0.1, 0.1], 20, 50).bars[0].height).toBe(50);
  });

  it('hangs all-negative outputs from the top edge, and draws nothing tall for all zeros', () => {
    expect(barLayout([-2, -1], 20, 10).zero).toBe(0);
    expect(barLayout([-2, -1], 20, 10).bars[1]).toMatchObject({ y: 0, height: 5, negative: true });
    expect(barLayout([0, 0], 20, 10).bars.every((b) => b.height === 0)).toBe(true);
  });
});
