import { describe, expect, it } from 'vitest';
import { barOrder, probabilityText, topIndex } from './bars.ts';
import { gradientLines, gradientPointsOf } from './gradient-lines.ts';
import { seriesOf } from './series.ts';
import { placeBox } from './tooltip-place.ts';

describe('probability bars', () => {
  it('lists all classes in order when they fit, else the most likely first', () => {
    const p = [0.1, 0.7, 0.2];
    expect(topIndex(p)).toBe(1);
    expect(barOrder(p)).toEqual([0, 1, 2]);
    expect(barOrder([0.05, 0.3, NaN, 0.5, 0.15], 3)).toEqual([3, 1, 4]);
    expect(topIndex([])).toBe(-1);
    expect(probabilityText(0.873)).toBe('87.3 %');
    expect(probabilityText(0.0004)).toBe('<0.1 %');
    expect(probabilityText(0)).toBe('0.0 %');
  });
});

describe('gradient lines', () => {
  it('turns a gradient series into points and points into one line per layer', () => {
    const series = gradientPointsOf([{ nodeId: 'n1', layer: 'dense_1', series: seriesOf([{ x: 50, y: 0.3 }, { x: 100, y: 0.2 }]) }]);
    expect(series).toEqual([{ layer: 'dense_1', points: [{ step: 50, value: 0.3 }, { step: 100, value: 0.2 }] }]);
    const lines = gradientLines([...series, { layer: 'out', points: [{ step: 50, value: 1e-5 }] }], false);
    expect(lines.map((l) => l.label)).toEqual(['dense_1', 'out']);
    expect(Array.from(lines[0].y)).toEqual([0.3, 0.2]);
    expect(lines[0].color).not.toBe(lines[1].color);
    expect(lines[1].dots).toBe(true);
  });
});

describe('placeBox', () => {
  it('puts a hover box after the pointer, before it near the edge, or inside when neither fits', () => {
    expect(placeBox(100, 120, 360, 14)).toBe(114);
    expect(placeBox(300, 120, 360, 14)).toBe(166);
    expect(placeBox(60, 300, 320, 14)).toBe(20);
    expect(placeBox(60, 300, Infinity, 10)).toBe(70);
  });
});
