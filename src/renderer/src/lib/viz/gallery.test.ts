import { describe, expect, it } from 'vitest';
import type { SamplePrediction } from '../../../../shared/protocol/trainer.ts';
import { imageRgba, imageShape, inputSummary, isMistake, orderPredictions, pixelScale, regressionError } from './gallery.ts';

const cls = (index: number, label: number, predicted: number, confidence: number): SamplePrediction => ({ task: 'classification', index, label, predicted, confidence });

describe('imageShape', () => {
  it('reads [h, w], [h, w, c], a flattened square and a leading batch null', () => {
    expect(imageShape([28, 28])).toEqual({ width: 28, height: 28, channels: 1 });
    expect(imageShape([32, 24, 3])).toEqual({ width: 24, height: 32, channels: 3 });
    expect(imageShape([28, 28, 1])).toEqual({ width: 28, height: 28, channels: 1 });
    expect(imageShape([784])).toEqual({ width: 28, height: 28, channels: 1 });
    expect(imageShape([null, 28, 28])).toEqual({ width: 28, height: 28, channels: 1 });
  });

  it('treats table rows and odd shapes as not images', () => {
    expect(imageShape([4])).toBeNull();
    expect(imageShape([16])).toBeNull();
    expect(imageShape([10, 10, 4])).toBeNull();
    expect(imageShape([])).toBeNull();
  });
});

describe('imageRgba', () => {
  it('copies grey into R, G and B with full alpha', () => {
    expect([...imageRgba([0, 128, 255, 7], { width: 2, height: 2, channels: 1 })]).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 7, 7, 7, 255]);
  });

  it('reads interleaved RGB and stretches inputs already scaled to 0…1', () => {
    expect([...imageRgba([255, 0, 10, 0, 255, 20], { width: 2, height: 1, channels: 3 })]).toEqual([255, 0, 10, 255, 0, 255, 20, 255]);
    expect([...imageRgba([0, 0.5, 1, 1], { width: 4, height: 1, channels: 1 }).filter((_, i) => i % 4 === 0)]).toEqual([0, 128, 255, 255]);
  });
});

describe('orderPredictions', () => {
  it('puts the most confident mistakes first, then the least confident correct ones', () => {
    const ordered = orderPredictions([cls(0, 1, 1, 0.99), cls(1, 2, 7, 0.6), cls(2, 3, 3, 0.51), cls(3, 4, 9, 0.95), cls(4, 5, 5, 0.8)]);
    expect(ordered.map((p) => p.index)).toEqual([3, 1, 2, 4, 0]);
    expect(ordered.map(isMistake)).toEqual([true, true, false, false, false]);
  });

  it('orders regression samples by their error, largest first', () => {
    const r = (index: number, target: number[], output: number[]): SamplePrediction => ({ task: 'regression', index, target, output });
    const ordered = orderPredictions([r(0, [1], [1.1]), r(1, [2, 4], [3, 2]), r(2, [0], [0.5])]);
    expect(ordered.map((p) => p.index)).toEqual([1, 2, 0]);
    const big = ordered[0];
    expect(big.task === 'regression' && regressionError(big)).toBe(1.5);
  });
});

describe('small helpers', () => {
  it('summarises a table row and picks a whole zoom', () => {
    expect(inputSummary([0.123456, -3.4, 7])).toBe('0.123, −3.4, 7');
    expect(inputSummary([1, 2, 3, 4, 5, 6, 7, 8], 3)).toBe('1, 2, 3, … (8)');
    expect(pixelScale(28, 56)).toBe(2);
    expect(pixelScale(32, 56)).toBe(2);
    expect(pixelScale(100, 56)).toBe(1);
  });
});
