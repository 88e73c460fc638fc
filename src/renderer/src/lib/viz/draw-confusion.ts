/**
 * Paints the confusion matrix: slanted predicted-class names on top, true
 * class names on the left (cut with "…" when long), shaded cells with their
 * counts, and the per-class accuracy column with a bar behind each figure.
 */
import { inkOn, rgbCss } from './color.ts';
import { cellFill, MAX_COLUMN_LABEL, shortCount, type ConfusionLayout, type ConfusionStats } from './confusion.ts';
import { percent } from './labels.ts';
import type { Theme } from './theme.ts';

/** `text` cut with "…" so that it is at most `max` px wide in the context's font. */
export function fitText(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

export function drawConfusion(
  ctx: CanvasRenderingContext2D,
  l: ConfusionLayout,
  stats: ConfusionStats,
  confusion: readonly (readonly number[])[],
  names: readonly string[],
  theme: Theme,
): void {
  const n = stats.classes;
  const font = `${l.cell < 18 ? 10 : 11}px ${theme.font}`;
  ctx.font = font;
  ctx.fillStyle = theme.text;
  // Column names: level when they fit a cell, else slanted up and to the right from the top of each column.
  ctx.textAlign = l.angle === 0 ? 'center' : 'left';
  ctx.textBaseline = l.angle === 0 ? 'bottom' : 'middle';
  for (let c = 0; c < n; c++) {
    ctx.save();
    ctx.translate(l.left + (c + 0.5) * l.cell, l.top - (l.angle === 0 ? 3 : 5));
    ctx.rotate(-l.angle);
    ctx.fillText(fitText(ctx, names[c], l.angle === 0 ? l.cell : MAX_COLUMN_LABEL), 0, 0);
    ctx.restore();
  }
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  const corner = 'true ↓  predicted →';
  if (ctx.measureText(corner).width <= l.left - 6) ctx.fillText(corner, l.left - 6, l.top - 4);
  // Row names.
  ctx.fillStyle = theme.text;
  ctx.textBaseline = 'middle';
  for (let r = 0; r < n; r++) ctx.fillText(fitText(ctx, names[r], l.rowLabelWidth), l.left - 8, l.top + (r + 0.5) * l.cell);
  // Cells.
  ctx.textAlign = 'center';
  ctx.font = `${l.cell >= 34 ? 11 : 10}px ${theme.font}`;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const fill = cellFill(stats.shares[r][c], r === c, theme.dark);
      const x = l.left + c * l.cell;
      const y = l.top + r * l.cell;
      ctx.fillStyle = rgbCss(fill);
      ctx.fillRect(x, y, l.cell, l.cell);
      const count = confusion[r][c] ?? 0;
      if (l.showCounts && count > 0) {
        ctx.fillStyle = inkOn(fill);
        ctx.fillText(shortCount(count, l.cell), x + l.cell / 2, y + l.cell / 2 + 0.5);
      }
    }
  }
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(l.left - 0.5, l.top - 0.5, l.cell * n + 1, l.cell * n + 1);
  // Per-class accuracy: a bar as long as the share, the figure on top.
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  ctx.fillText('accuracy', l.accLeft, l.top - 4);
  ctx.textBaseline = 'middle';
  for (let r = 0; r < n; r++) {
    const share = Math.min(1, Math.max(0, stats.perClass[r] ?? 0));
    const y = l.top + r * l.cell;
    const barH = Math.max(6, Math.min(l.cell - 6, 16));
    ctx.fillStyle = rgbCss(cellFill(0.35, true, theme.dark));
    ctx.fillRect(l.accLeft, y + (l.cell - barH) / 2, l.accWidth * share, barH);
    ctx.fillStyle = theme.text;
    ctx.fillText(stats.rowTotals[r] > 0 ? percent(share) : '–', l.accLeft + 3, y + l.cell / 2 + 0.5);
  }
}
