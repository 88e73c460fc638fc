import { describe, expect, it } from 'vitest';
import { brushWidth, centreOfMass, frameLikeMnist, inkBox, rgbaToGrey, stretchInk } from './digit.ts';

function canvas(w: number, h: number, ink: (x: number, y: number) => number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = ink(x, y);
  return out;
}

describe('rgbaToGrey', () => {
  it('weights channels by luminance and inverts paper-white pictures', () => {
    const dark = rgbaToGrey([255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255], 2, 2);
    expect([...dark]).toEqual([1, 0, 0, 0]);
    const paper = rgbaToGrey([255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255], 2, 2);
    expect([...paper]).toEqual([0, 0, 0, 1]);
    const kept = rgbaToGrey([255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255], 2, 2, false);
    expect([...kept]).toEqual([1, 1, 1, 0]);
    // Transparent pixels are background whatever their colour.
    expect([...rgbaToGrey([255, 255, 255, 0], 1, 1, false)]).toEqual([0]);
  });
});

describe('inkBox and centreOfMass', () => {
  it('find the ink', () => {
    const img = canvas(8, 8, (x, y) => (x >= 2 && x < 5 && y >= 1 && y < 7 ? 1 : 0));
    expect(inkBox(img, 8, 8)).toEqual({ x0: 2, y0: 1, x1: 5, y1: 7 });
    expect(centreOfMass(img, 8, 8)).toEqual({ x: 3.5, y: 4 });
    expect(inkBox(new Float32Array(4), 2, 2)).toBeNull();
    expect(centreOfMass(new Float32Array(4), 2, 2)).toBeNull();
  });
});

describe('frameLikeMnist', () => {
  it('scales a small digit in a corner to 20 px and centres its mass in 28 × 28', () => {
    // A 10 × 40 bar ("1") in the top-left corner of a 200 × 200 drawing.
    const img = canvas(200, 200, (x, y) => (x >= 5 && x < 15 && y >= 5 && y < 45 ? 1 : 0));
    const out = frameLikeMnist(img, 200, 200);
    expect(out.length).toBe(784);
    expect(inkBox(out, 28, 28)).toEqual({ x0: 12, y0: 4, x1: 17, y1: 24 });
    const c = centreOfMass(out, 28, 28)!;
    expect(c.x).toBeCloseTo(14.5, 1);
    expect(c.y).toBeCloseTo(14, 1);
  });

  it('leaves a blank drawing blank and fills other sizes', () => {
    expect(frameLikeMnist(new Float32Array(100), 10, 10).every((v) => v === 0)).toBe(true);
    const wide = frameLikeMnist(canvas(50, 50, (x, y) => (y >= 20 && y < 30 ? 1 : 0)), 50, 50, 32, 32);
    expect(inkBox(wide, 32, 32)).toEqual({ x0: 5, y0: 14, x1: 28, y1: 19 });
  });

  it('brush is about a tenth of the box', () => {
    expect(brushWidth(280)).toBeCloseTo(25.45, 2);
    expect(brushWidth(20)).toBe(4);
  });
});

describe('stretchInk', () => {
  it('turns the grey of photographed paper into black and the darkest ink into full white', () => {
    const out = stretchInk(Float32Array.from([0.04, 0.04, 0.05, 0.04, 0.84, 0.44, 0.04]));
    expect(out[0]).toBe(0);
    expect(out[4]).toBe(1);
    expect(out[5]).toBeCloseTo(0.5, 5);
    expect(out[2]).toBeCloseTo(0.0125, 5);
    expect([...stretchInk(Float32Array.from([0.3, 0.3]))]).toEqual([0, 0]);
  });
});
