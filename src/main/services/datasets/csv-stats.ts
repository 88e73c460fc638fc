/**
 * Per-column figures for the CSV preview: what the user checks before picking
 * a target and scaling. Counted in one reading of the data rows (a CsvSink),
 * so the file is never held whole.
 */
import type { TableColumn } from '../../../shared/protocol/training-api.ts';
import type { CsvSink } from './csv-parse.ts';
import { type CsvLayout, dataRecords, isMissing, parseNumber } from './csv-table.ts';
import { RunningStats } from './running-stats.ts';

/** The preview's column figures travel to the renderer as they are, so their type is the protocol's. */
export type ColumnStats = TableColumn;

const TOP = 10;

interface ColumnCounter {
  add(v: string, line: number): void;
  result(): ColumnStats;
}

function categoricalCounter(name: string): ColumnCounter {
  let missing = 0;
  const counts = new Map<string, number>();
  return {
    add(v) {
      if (isMissing(v)) missing++;
      else counts.set(v, (counts.get(v) ?? 0) + 1);
    },
    result() {
      const topValues = [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, TOP)
        .map(([value, c]) => ({ value, count: c }));
      return { name, type: 'categorical', missing, distinct: counts.size, topValues };
    },
  };
}

/**
 * Numbers are kept as numbers (8 bytes a cell) rather than as distinct
 * strings, so "1" and "1.0" count as one value; words among them are
 * counted as `invalid`, since loading fails on them.
 */
function numericCounter(name: string, rows: number): ColumnCounter {
  let missing = 0;
  const numbers = new Float64Array(rows);
  let n = 0;
  const words = new Set<string>();
  let firstInvalidLine: number | undefined;
  let invalid = 0;
  const stats = new RunningStats();
  return {
    add(v, line) {
      if (isMissing(v)) {
        missing++;
        return;
      }
      const x = parseNumber(v);
      if (x === undefined) {
        invalid++;
        words.add(v);
        firstInvalidLine ??= line;
        return;
      }
      numbers[n++] = x;
      stats.add(x);
    },
    result() {
      const sorted = numbers.subarray(0, n).sort();
      let distinct = words.size;
      for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
      const some = stats.n > 0;
      return {
        name,
        type: 'numeric',
        missing,
        distinct,
        min: some ? stats.min : undefined,
        max: some ? stats.max : undefined,
        mean: stats.mean,
        std: stats.std,
        invalid,
        ...(firstInvalidLine === undefined ? {} : { firstInvalidLine }),
      };
    },
  };
}

/** A reading of the table's data rows that gives each column's figures. */
export function columnStats(layout: CsvLayout): CsvSink<ColumnStats[]> {
  const counters = layout.headers.map((name, col) => (layout.types[col] === 'numeric' ? numericCounter(name, layout.rowCount) : categoricalCounter(name)));
  const rows = dataRecords(layout, (fields, line) => {
    for (let col = 0; col < counters.length; col++) counters[col].add(fields[col].trim(), line);
  });
  return {
    record: rows.record,
    end(delimiter) {
      rows.end(delimiter);
      return counters.map((c) => c.result());
    },
  };
}
