import { describe, expect, it } from 'vitest';
import { hoverRows, layoutPlot, plotDomains, type PlotLine } from './plot.ts';

const line = (id: string, x: number[], y: number[], extra: Partial<PlotLine> = {}): PlotLine => ({ id, label: id, color: '#000', x, y, ...extra });

describe('plotDomains', () => {
  it('covers all lines, widened to nice ticks, and includes 0 for a loss', () => {
    const d = plotDomains([line('a', [1, 2, 3], [0.42, 0.31, 0.27]), line('b', [2, 5], [0.5, 0.35])], { yInclude: 0 });
    expect(d).toEqual({ x: [1, 5], y: [0, 0.5] });
  });

  it('uses whole decades on a log axis, skipping values ≤ 0, and clamps accuracy to [0, 1]', () => {
    expect(plotDomains([line('a', [1, 2, 3], [0, 0.02, 3])], { logY: true })?.y).toEqual([0.01, 10]);
    expect(plotDomains([line('a', [1, 2], [0.5, 0.97])], { yClamp: [0, 1] })?.y).toEqual([0.5, 1]);
    expect(plotDomains([line('a', [], [])])).toBeNull();
  });
});

describe('layoutPlot and hoverRows', () => {
  it('leaves room for the y labels and answers hover with the nearest point of each line', () => {
    const lines = [line('a', [0, 5, 10], [1, 2, 3]), line('b', [0, 10], [3, 1]), line('raw', [0, 10], [9, 9], { hover: false })];
    const d = plotDomains(lines)!;
    const l = layoutPlot(400, 200, d);
    expect(l.left).toBeGreaterThanOrEqual(24);
    expect(l.right).toBe(388);
    expect(l.bottom).toBe(180);
    const rows = hoverRows(lines, l, l.sx(5.2));
    expect(rows.map((r) => [r.id, r.x, r.y])).toEqual([['a', 5, 2]]);
    expect(hoverRows(lines, l, l.sx(9.9)).map((r) => r.id)).toEqual(['a', 'b']);
  });
});
