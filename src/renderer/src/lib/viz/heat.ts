/**
 * Helpers for weight heat maps: the colour scale's reach and which original
 * rows and columns a cell of a shrunk matrix stands for.
 */

/** The largest |value|, so that the colour scale is symmetric around 0; 1 when all are 0 or none is finite. */
export function absMax(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m && Number.isFinite(a)) m = a;
  }
  return m || 1;
}

/**
 * The original indices that cell `i` of a side shrunk from `source` to `out`
 * averages, matching the trainer's block means (source index r lands in cell
 * ⌊r·out/source⌋). Inclusive first and last.
 */
export function sourceSpan(i: number, out: number, source: number): { first: number; last: number } {
  if (out >= source) return { first: i, last: i };
  const first = Math.ceil((i * source) / out);
  const last = Math.ceil(((i + 1) * source) / out) - 1;
  return { first, last };
}

/** "7" or "7–19": a span for a read-out. */
export function spanText(span: { first: number; last: number }): string {
  return span.first === span.last ? String(span.first) : `${span.first}–${span.last}`;
}

/** The cell under a point of a drawn grid, or null outside it. */
export function cellAt(px: number, py: number, width: number, height: number, rows: number, cols: number): { row: number; col: number } | null {
  if (px < 0 || py < 0 || px >= width || py >= height || rows <= 0 || cols <= 0) return null;
  return { row: Math.min(rows - 1, Math.floor((py / height) * rows)), col: Math.min(cols - 1, Math.floor((px / width) * cols)) };
}
