/**
 * Figures and geometry of the confusion matrix: row shares, accuracies, the
 * colour of each cell, the hover sentence, and a layout that keeps ten
 * classes with long names readable in a narrow panel.
 */
import { mixRgb, type Rgb } from './color.ts';
import { classLabel, percent } from './labels.ts';

export interface ConfusionStats {
  readonly classes: number;
  readonly total: number;
  readonly correct: number;
  /** correct / total; 0 for an empty matrix. */
  readonly accuracy: number;
  /** Samples per true class. */
  readonly rowTotals: readonly number[];
  /** Each row divided by its total (rows true, columns predicted); a row with no samples is all 0. */
  readonly shares: readonly (readonly number[])[];
  /** Per true class: the diagonal share, or the trainer's figures when given. */
  readonly perClass: readonly number[];
}

export function confusionStats(confusion: readonly (readonly number[])[], perClassAccuracy?: readonly number[]): ConfusionStats {
  const n = confusion.length;
  let total = 0;
  let correct = 0;
  const rowTotals: number[] = [];
  const shares: number[][] = [];
  for (let t = 0; t < n; t++) {
    const row = confusion[t];
    const sum = row.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
    rowTotals.push(sum);
    total += sum;
    correct += row[t] ?? 0;
    shares.push(row.map((c) => (sum > 0 ? c / sum : 0)));
  }
  const perClass = perClassAccuracy && perClassAccuracy.length === n ? [...perClassAccuracy] : shares.map((row, t) => row[t] ?? 0);
  return { classes: n, total, correct, accuracy: total > 0 ? correct / total : 0, rowTotals, shares, perClass };
}

/** "true T-shirt/top predicted Shirt: 123 (12.3 %)" — the share is of the true class's samples. */
export function cellSentence(names: readonly string[] | undefined, t: number, p: number, count: number, share: number): string {
  return `true ${classLabel(names, t)} predicted ${classLabel(names, p)}: ${count.toLocaleString('en-US')} (${percent(share)})`;
}

const DIAGONAL_LIGHT: Rgb = [30, 130, 76];
const DIAGONAL_DARK: Rgb = [64, 180, 110];
const MISTAKE_LIGHT: Rgb = [205, 60, 40];
const MISTAKE_DARK: Rgb = [240, 100, 80];

/**
 * Green on the diagonal, red elsewhere, stronger with the row share. Mistakes
 * are usually a few per cent of a row, so their strength follows the square
 * root of the share: 4 % already shows as a clear pink, while the printed
 * count keeps the true figure.
 */
export function cellFill(share: number, diagonal: boolean, dark: boolean): Rgb {
  const back: Rgb = dark ? [32, 37, 45] : [255, 255, 255];
  const s = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  if (diagonal) return mixRgb(back, dark ? DIAGONAL_DARK : DIAGONAL_LIGHT, 0.08 + 0.92 * s);
  if (s === 0) return back;
  return mixRgb(back, dark ? MISTAKE_DARK : MISTAKE_LIGHT, 0.04 + 0.9 * Math.sqrt(s));
}

export interface ConfusionLayout {
  /** Side of one cell, CSS px. */
  readonly cell: number;
  /** Width of the row-name column; names longer than this are cut with "…". */
  readonly rowLabelWidth: number;
  /** Column names' slant in radians: 0 (short names, level), π/4, or steeper for narrow cells. */
  readonly angle: number;
  /** Height of the column names above the matrix. */
  readonly headHeight: number;
  /** Where the matrix starts. */
  readonly left: number;
  readonly top: number;
  /** Left edge of the per-class accuracy column. */
  readonly accLeft: number;
  readonly accWidth: number;
  readonly width: number;
  readonly height: number;
  /** Whether counts fit in the cells. */
  readonly showCounts: boolean;
}

/** Column names longer than this (CSS px) are cut with "…". */
export const MAX_COLUMN_LABEL = 120;

/**
 * Fits the matrix into `available` CSS px: row names get up to 38 % of the
 * width (cut with "…" beyond), the cells share what is left, between 12 and
 * 48 px. Column names that fit a cell stay level; longer ones are slanted at
 * 45°, or at 70° when cells are too narrow for 45° lines of text not to touch.
 *
 * @example confusionLayout(10, 90, 480).cell // 29
 */
export function confusionLayout(classes: number, longestLabel: number, available: number, accWidth = 52): ConfusionLayout {
  const n = Math.max(1, classes);
  const rowLabelWidth = Math.ceil(Math.min(longestLabel, Math.max(40, available * 0.38)));
  const colLabel = Math.min(longestLabel, MAX_COLUMN_LABEL);
  const left = rowLabelWidth + 8;
  const room = available - left - accWidth - 8 - colLabel * 0.3;
  const cell = Math.floor(Math.max(12, Math.min(48, room / n)));
  const angle = colLabel <= cell - 4 ? 0 : cell < 24 ? (70 * Math.PI) / 180 : Math.PI / 4;
  const headHeight = angle === 0 ? 18 : Math.ceil(colLabel * Math.sin(angle) + 12);
  const top = headHeight;
  const accLeft = left + cell * n + 8;
  return {
    cell,
    rowLabelWidth,
    angle,
    headHeight,
    left,
    top,
    accLeft,
    accWidth,
    width: Math.ceil(Math.max(accLeft + accWidth, left + cell * (n - 0.5) + colLabel * Math.cos(angle) + 4)),
    height: top + cell * n + 4,
    showCounts: cell >= 22,
  };
}

/** The cell under a pointer: row (true) and column (predicted), or null outside the matrix. */
export function confusionCellAt(l: ConfusionLayout, classes: number, px: number, py: number): { t: number; p: number } | null {
  const c = Math.floor((px - l.left) / l.cell);
  const r = Math.floor((py - l.top) / l.cell);
  if (c < 0 || r < 0 || c >= classes || r >= classes) return null;
  return { t: r, p: c };
}

/** A count that fits a cell: 1,234 or 12k. */
export function shortCount(count: number, cell: number): string {
  if (count >= 10000 && cell < 40) return `${Math.round(count / 1000)}k`;
  return count.toLocaleString('en-US');
}
