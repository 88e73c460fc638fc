import { describe, expect, it } from 'vitest';
import { columnFigures, columnWarnings, errorLine, formatStat, infoLine } from './preview-text.ts';

describe('preview text', () => {
  it('prints column figures for numbers and categories', () => {
    expect(columnFigures({ name: 'sepal', type: 'numeric', missing: 0, distinct: 35, min: 4.3, max: 7.9, mean: 5.843333, std: 0.825301 })).toBe('min 4.3 · max 7.9 · mean 5.843 · sd 0.8253');
    const species = { name: 'species', type: 'categorical', missing: 2, distinct: 4, topValues: [{ value: 'setosa', count: 50 }, { value: 'virginica', count: 49 }, { value: 'versicolor', count: 48 }, { value: 'x', count: 1 }] } as const;
    expect(columnFigures(species)).toBe('4 values: setosa 50, virginica 49, versicolor 48, …');
    expect(columnWarnings(species)).toEqual(['2 empty']);
    expect(columnWarnings({ name: 'age', type: 'numeric', missing: 0, distinct: 9, invalid: 3, firstInvalidLine: 7 })).toEqual(['3 not a number (first on line 7)']);
    expect(formatStat(60000)).toBe('60,000');
    expect(formatStat(0.00001234)).toBe('1.23e-5');
    expect(formatStat(undefined)).toBe('–');
  });

  it('finds the line a loader blamed', () => {
    expect(errorLine('bad.csv, line 4: expected 3 fields like "a", "b", "c", found 2.')).toBe(4);
    expect(errorLine('bad.csv is empty: it has no rows of data.')).toBeNull();
  });

  it('sums up a dataset under the preview title', () => {
    expect(infoLine({ title: 'XOR', task: 'classification', inputShape: [2], numClasses: 2, targetSize: 1, trainCount: 160, testCount: 40, isImage: false })).toBe('160 train · 40 test · 2 classes · input [2]');
  });
});
