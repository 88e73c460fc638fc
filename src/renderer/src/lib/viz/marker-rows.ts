/**
 * Where the labels of a plot's vertical markers go: each centred on its line
 * but kept inside the plot, and moved down a row when it would cover the
 * label before it (two changes a few steps apart).
 */

/** Rough width of a marker label in pixels: 10 px bold text plus padding. */
export function labelWidth(text: string): number {
  return Math.max(14, text.length * 6 + 6);
}

export interface PlacedLabel {
  /** Left edge, in pixels from the plot's left. */
  readonly left: number;
  /** 0 is the top row. */
  readonly row: number;
}

/** `xs`: each marker's line in pixels, in drawing order; `widths`: its label's width; labels stay within [minX, maxX]. */
export function placeLabels(xs: readonly number[], widths: readonly number[], minX: number, maxX: number, gap = 4): PlacedLabel[] {
  const rowEnds: number[] = [];
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const placed: PlacedLabel[] = new Array(xs.length);
  for (const i of order) {
    const w = widths[i];
    const left = Math.min(Math.max(xs[i] - w / 2, minX), Math.max(minX, maxX - w));
    let row = rowEnds.findIndex((end) => end + gap <= left);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = left + w;
    placed[i] = { left, row };
  }
  return placed;
}
