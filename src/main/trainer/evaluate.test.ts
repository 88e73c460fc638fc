import { describe, expect, it } from 'vitest';
import { galleryPicks } from './evaluate.ts';

describe('galleryPicks', () => {
  it('puts mistakes first, spread over all of them, and fills with correct samples', () => {
    // 100 samples; every tenth one (0, 10, …, 90) is wrong.
    const labels = Array.from({ length: 100 }, (_, i) => i % 10);
    const predicted = labels.map((l, i) => (i % 10 === 0 ? 9 : l));
    const picks = galleryPicks(predicted, labels, 100, 12);
    expect(picks).toHaveLength(12);
    expect(picks.slice(0, 8)).toEqual([0, 10, 20, 30, 50, 60, 70, 80]);
    expect(picks.slice(0, 8).every((i) => predicted[i] !== labels[i])).toBe(true);
    expect(picks.slice(8).every((i) => predicted[i] === labels[i])).toBe(true);
  });

  it('shows only correct samples when there is no mistake, and never more than the test set', () => {
    const labels = [0, 1, 1, 0];
    expect(galleryPicks(labels, labels, 4, 24)).toEqual([0, 1, 2, 3]);
    expect(galleryPicks([1, 0, 0, 1], labels, 4, 24)).toEqual([0, 1, 2, 3]);
  });
});
