import { describe, expect, it } from 'vitest';
import { resizeArea } from './resize-area.ts';

function canvas(w: number, h: number, ink: (x: number, y: number) => number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = ink(x, y);
  return out;
}

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;

describe('resizeArea', () => {
  it('averages the covered area, so a thin line survives shrinking', () => {
    const line = canvas(10, 10, (x) => (x === 4 ? 1 : 0));
    const small = resizeArea(line, 10, 10, 2, 2);
    [0.2, 0, 0.2, 0].forEach((v, i) => expect(small[i]).toBeCloseTo(v, 6));
    const blob = canvas(9, 9, (x, y) => ((x - 4) ** 2 + (y - 4) ** 2 < 9 ? 1 : 0));
    expect(mean(resizeArea(blob, 9, 9, 4, 4))).toBeCloseTo(mean(blob), 6);
  });

  it('weights the pixels an output pixel covers in part: 4 → 3 takes a third of the middle pixel twice', () => {
    // Output 0 covers source [0, 4/3): all of pixel 0 and a third of pixel 1.
    const out = resizeArea([0, 30, 60, 90], 4, 1, 3, 1);
    expect(Array.from(out)).toEqual([7.5, 45, 82.5]);
  });

  it('copies a picture already at the size exactly and enlarges by repeating', () => {
    const img = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    expect(Array.from(resizeArea(img, 3, 2, 3, 2))).toEqual(Array.from(Float32Array.from(img)));
    expect([...resizeArea([1, 0], 2, 1, 4, 1)]).toEqual([1, 1, 0, 0]);
  });

  it('keeps interleaved channels apart', () => {
    // 2×1 RGB: red then blue, halved to one purple pixel.
    expect(Array.from(resizeArea([1, 0, 0, 0, 0, 1], 2, 1, 1, 1, 3))).toEqual([0.5, 0, 0.5]);
  });

  it('shrinks a 1000 × 1000 picture to 28 × 28 keeping its mean brightness', () => {
    const big = canvas(1000, 1000, (x, y) => ((x >> 3) + (y >> 5)) % 2);
    const small = resizeArea(big, 1000, 1000, 28, 28);
    expect(small).toHaveLength(784);
    expect(mean(small)).toBeCloseTo(mean(big), 5);
    expect(Math.max(...small)).toBeLessThan(1);
  });
});
