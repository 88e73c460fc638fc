/** Per-column figures for the CSV preview: what the user checks before picking a target and scaling. */
import type { ColumnType, CsvTable } from './csv-table.ts';
import { isMissing, parseNumber } from './csv-table.ts';
import { RunningStats } from './running-stats.ts';

export interface ColumnStats {
  readonly name: string;
  readonly type: ColumnType;
  /** Empty cells and NA / NaN / null / ? markers. */
  readonly missing: number;
  /** Different filled values. */
  readonly distinct: number;
  /** Numeric columns: figures over the cells that are numbers. */
  readonly min?: number;
  readonly max?: number;
  readonly mean?: number;
  /** Population standard deviation, the one standard scaling divides by. */
  readonly std?: number;
  /** Numeric columns: cells that are not numbers (loading fails on them), and the first one's line. */
  readonly invalid?: number;
  readonly firstInvalidLine?: number;
  /** Categorical columns: the most frequent values, most frequent first (at most 10). */
  readonly topValues?: readonly { readonly value: string; readonly count: number }[];
}

const TOP = 10;

export function columnStats(table: CsvTable, col: number): ColumnStats {
  const name = table.headers[col];
  const type = table.types[col];
  let missing = 0;
  const counts = new Map<string, number>();
  const stats = new RunningStats();
  let invalid = 0;
  let firstInvalidLine: number | undefined;
  table.rows.forEach((row, r) => {
    const v = row[col];
    if (isMissing(v)) {
      missing++;
      return;
    }
    counts.set(v, (counts.get(v) ?? 0) + 1);
    if (type !== 'numeric') return;
    const x = parseNumber(v);
    if (x === undefined) {
      invalid++;
      firstInvalidLine ??= table.lines[r];
      return;
    }
    stats.add(x);
  });
  const base = { name, type, missing, distinct: counts.size };
  if (type === 'categorical') {
    const topValues = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, TOP)
      .map(([value, c]) => ({ value, count: c }));
    return { ...base, topValues };
  }
  const some = stats.n > 0;
  return {
    ...base,
    min: some ? stats.min : undefined,
    max: some ? stats.max : undefined,
    mean: stats.mean,
    std: stats.std,
    invalid,
    ...(firstInvalidLine === undefined ? {} : { firstInvalidLine }),
  };
}
