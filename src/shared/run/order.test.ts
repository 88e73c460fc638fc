import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../datasets/random.ts';
import { epochOrder, holdOut, takeRows } from './order.ts';

/** A generator that counts its draws. */
function counting(seed: number): { next(): number; draws: number } {
  const next = mulberry32(seed);
  const r = { draws: 0, next: () => (r.draws++, next()) };
  return r;
}

describe('holdOut', () => {
  it('keeps back the floor of the share, picked by one seeded shuffle', () => {
    const r = counting(5);
    const kept = holdOut(10, 0.25, r);
    expect(kept).toMatchObject({ training: 8, validation: 2 });
    expect([...kept.order!].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.draws).toBe(9);
    expect(holdOut(10, 0.25, counting(5)).order).toEqual(kept.order);
  });

  it('holds out nothing, and draws nothing, when a side would be empty', () => {
    for (const [count, fraction] of [[10, 0], [3, 0.2], [4, 1]]) {
      const r = counting(1);
      expect(holdOut(count, fraction, r)).toEqual({ order: null, training: count, validation: 0 });
      expect(r.draws).toBe(0);
    }
  });
});

describe('epochOrder and takeRows', () => {
  it('visit every row once, rows copied whole', () => {
    const order = epochOrder(4, counting(2));
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    const values = Float32Array.from([0, 1, 10, 11, 20, 21, 30, 31]);
    const picked = takeRows(values, 2, order, 1, 3);
    expect(Array.from(picked)).toEqual([order[1] * 10, order[1] * 10 + 1, order[2] * 10, order[2] * 10 + 1]);
    expect(Array.from(takeRows(values, 2, null, 1, 3))).toEqual([10, 11, 20, 21]);
  });
});
