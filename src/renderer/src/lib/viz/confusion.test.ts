import { describe, expect, it } from 'vitest';
import { cellFill, cellSentence, confusionCellAt, confusionLayout, confusionStats, shortCount } from './confusion.ts';
import { classLabel, percent } from './labels.ts';

const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

describe('confusionStats', () => {
  it('computes row shares, per-class and overall accuracy', () => {
    const s = confusionStats([
      [8, 2],
      [1, 9],
    ]);
    expect(s.total).toBe(20);
    expect(s.correct).toBe(17);
    expect(s.accuracy).toBe(0.85);
    expect(s.rowTotals).toEqual([10, 10]);
    expect(s.shares).toEqual([
      [0.8, 0.2],
      [0.1, 0.9],
    ]);
    expect(s.perClass).toEqual([0.8, 0.9]);
  });

  it("prefers the trainer's per-class figures and survives an empty class", () => {
    const s = confusionStats(
      [
        [0, 0],
        [3, 1],
      ],
      [0, 0.25],
    );
    expect(s.shares[0]).toEqual([0, 0]);
    expect(s.perClass).toEqual([0, 0.25]);
    expect(confusionStats([]).accuracy).toBe(0);
  });
});

describe('read-outs', () => {
  it('says which true class was taken for which, with the share of the row', () => {
    expect(cellSentence(FASHION, 0, 6, 123, 0.123)).toBe('true T-shirt/top predicted Shirt: 123 (12.3 %)');
    expect(cellSentence(undefined, 4, 9, 1234, 0.5)).toBe('true 4 predicted 9: 1,234 (50.0 %)');
    expect(percent(0.9876)).toBe('98.8 %');
    expect(classLabel(['a', ''], 1)).toBe('1');
    expect(shortCount(12_345, 30)).toBe('12k');
    expect(shortCount(12_345, 48)).toBe('12,345');
  });
});

describe('cellFill', () => {
  it('is green on the diagonal and red off it, stronger with the share', () => {
    const right = cellFill(0.9, true, false);
    expect(right[1]).toBeGreaterThan(right[0]);
    const wrong = cellFill(0.04, false, false);
    expect(wrong[0]).toBeGreaterThan(wrong[1]);
    // √0.04 = 0.2: a 4 % mistake is already clearly tinted.
    expect(wrong).toEqual([244, 212, 208]);
    expect(cellFill(0, false, false)).toEqual([255, 255, 255]);
    expect(cellFill(0, false, true)).toEqual([32, 37, 45]);
  });
});

describe('confusionLayout', () => {
  it('fits ten Fashion-MNIST classes in a 480 px panel with slanted column names', () => {
    const l = confusionLayout(10, 90, 480);
    expect(l.cell).toBe(29);
    expect(l.left).toBe(98);
    expect(l.angle).toBeCloseTo(Math.PI / 4, 9);
    expect(l.showCounts).toBe(true);
    expect(l.accLeft).toBe(98 + 290 + 8);
    expect(l.width).toBeLessThanOrEqual(480);
    expect(l.height).toBe(l.top + 290 + 4);
  });

  it('cuts long row names and steepens column names when cells are narrow', () => {
    const l = confusionLayout(10, 200, 340);
    expect(l.rowLabelWidth).toBe(130);
    expect(l.cell).toBeLessThan(24);
    expect(l.angle).toBeCloseTo((70 * Math.PI) / 180, 9);
    expect(l.showCounts).toBe(false);
  });

  it('keeps short names level', () => {
    const l = confusionLayout(10, 7, 380);
    expect(l.angle).toBe(0);
    expect(l.headHeight).toBe(18);
    expect(l.cell).toBe(30);
  });

  it('finds the cell under the pointer', () => {
    const l = confusionLayout(10, 90, 480);
    expect(confusionCellAt(l, 10, l.left + 2.5 * l.cell, l.top + 6.5 * l.cell)).toEqual({ t: 6, p: 2 });
    expect(confusionCellAt(l, 10, l.left - 1, l.top)).toBeNull();
    expect(confusionCellAt(l, 10, l.left + 10 * l.cell, l.top)).toBeNull();
  });
});
