import { describe, expect, it } from 'vitest';
import { labelWidth, placeLabels } from './marker-rows.ts';

describe('placeLabels: marker labels that do not cover each other', () => {
  it('centres a label on its line, keeps it inside the plot, and moves one that would overlap to the next row', () => {
    const widths = [60, 60, 60, 60];
    const placed = placeLabels([200, 230, 400, 10], widths, 40, 500);
    expect(placed).toEqual([
      { left: 170, row: 0 },
      { left: 200, row: 1 },
      { left: 370, row: 0 },
      // Near the left edge: slid right to the plot's start, clear of the others.
      { left: 40, row: 0 },
    ]);
    expect(placeLabels([495], [60], 40, 500)).toEqual([{ left: 440, row: 0 }]);
  });

  it('sizes a label by its text', () => {
    expect(labelWidth('lr 0.05 → 0.2')).toBe(84);
    expect(labelWidth('!')).toBe(14);
  });
});
