/** Per-column figures for the CSV preview: what the user checks before picking a target and scaling. */
import type { TableColumn } from '../../../shared/protocol/training-api.ts';
import type { CsvTable } from './csv-table.ts';
import { isMissing, parseNumber } from './csv-table.ts';
import { RunningStats } from './running-stats.ts';

/** The preview's column figures travel to the renderer as they are, so their type is the protocol's. */
export type ColumnStats = TableColumn;

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
