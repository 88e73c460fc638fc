import { describe, expect, it } from 'vitest';
import { createRandom, mulberry32, shuffledIndices } from './random.ts';

describe('seeded random', () => {
  it('repeats per seed and differs between seeds, including seeds 2^32 apart', () => {
    const take = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(take(1)).toEqual(take(1));
    expect(take(1)).not.toEqual(take(2));
    expect(take(5)).not.toEqual(take(5 + 2 ** 32));
    expect(take(-3).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws uniform and normal values with the right moments', () => {
    const r = createRandom(42);
    const n = 20_000;
    const u = Array.from({ length: n }, () => r.uniform(-1, 3));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...u)).toBeLessThan(3);
    expect(u.reduce((s, x) => s + x, 0) / n).toBeCloseTo(1, 1);
    const g = Array.from({ length: n }, () => r.normal(5, 2));
    const mean = g.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(g.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(5, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('shuffles into a permutation', () => {
    const order = shuffledIndices(1000, createRandom(1));
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...order.slice(0, 10)]).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
