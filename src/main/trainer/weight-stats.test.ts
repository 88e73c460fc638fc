import { describe, expect, it } from 'vitest';
import { convImages, denseImages, histogram, matrixPreview, meanStd } from './weight-stats.ts';

describe('weight pictures', () => {
  it('bins values between their min and max', () => {
    const h = histogram(Float32Array.from([0, 0.1, 0.2, 0.9, 1]), 2);
    expect(h).toEqual({ min: 0, max: 1, counts: [3, 2] });
    expect(meanStd(Float32Array.from([1, 3]))).toEqual({ mean: 2, std: 1 });
  });

  it('shrinks a matrix to at most 64 × 64 by block means', () => {
    const rows = 128;
    const cols = 10;
    const values = Float32Array.from({ length: rows * cols }, (_, i) => Math.floor(i / cols));
    const m = matrixPreview(values, rows, cols);
    expect([m.rows, m.cols, m.sourceRows, m.sourceCols]).toEqual([64, 10, 128, 10]);
    expect(m.values.slice(0, 10)).toEqual(new Array(10).fill(0.5));
    expect(m.values.at(-1)).toBe(126.5);
  });

  it('draws each Dense unit fed by a 2 × 2 image as a picture, 0 at mid-grey', () => {
    // kernel [4 pixels, 2 units]: unit 0 sees +1 at pixel 0, unit 1 sees -1 at pixel 3.
    const kernel = Float32Array.from([1, 0, 0, 0, 0, 0, 0, -1]);
    const pics = denseImages(kernel, [2, 2, 1], 2);
    expect(pics).toMatchObject({ width: 2, height: 2, channels: 1, absMax: 1, units: 2 });
    expect(pics.images).toEqual([
      [255, 128, 128, 128],
      [128, 128, 128, 0],
    ]);
  });

  it('draws conv filters with three input channels in colour', () => {
    const shape = [1, 1, 3, 2];
    const kernel = Float32Array.from([1, -1, 0, 0, -1, 1]);
    const pics = convImages(kernel, shape);
    expect(pics).toMatchObject({ width: 1, height: 1, channels: 3, units: 2 });
    expect(pics.images).toEqual([
      [255, 128, 0],
      [0, 128, 255],
    ]);
  });
});
