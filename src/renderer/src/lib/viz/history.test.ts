import { describe, expect, it } from 'vitest';
import { ThinningHistory } from './history.ts';

describe('ThinningHistory', () => {
  it('stays bounded over thousands of snapshots, spread evenly, with the newest last', () => {
    const h = new ThinningHistory<number>(8);
    for (let i = 0; i < 5000; i++) h.push(i);
    const items = h.items();
    expect(items.length).toBeLessThanOrEqual(9);
    expect(items[0]).toBe(0);
    expect(items[items.length - 1]).toBe(4999);
    const gaps = items.slice(1, -1).map((v, i) => v - items[i]);
    expect(new Set(gaps).size).toBe(1);
    expect(h.seen).toBe(5000);
  });

  it('keeps everything until it is full', () => {
    const h = new ThinningHistory<string>(4);
    ['a', 'b', 'c'].forEach((v) => h.push(v));
    expect(h.items()).toEqual(['a', 'b', 'c']);
    h.push('d');
    h.push('e');
    expect(h.items()).toEqual(['a', 'c', 'e']);
  });
});
