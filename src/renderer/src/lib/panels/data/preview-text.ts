/** How the data panel words a preview: column figures, counts and the line a loader blamed. */
import type { DatasetInfo, TableColumn } from '../../../../../shared/protocol/index.ts';

/** Four significant digits, no trailing zeros: 3.14159 → "3.142", 60000 → "60,000". */
export function formatStat(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return v.toLocaleString('en-US');
  const abs = Math.abs(v);
  if (abs >= 1e6 || abs < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** The figures of one column on one line: "min 4.3 · max 7.9 · mean 5.843 · sd 0.8253" or "3 values: setosa 50, virginica 50, …". */
export function columnFigures(col: TableColumn): string {
  if (col.type === 'numeric') {
    return [`min ${formatStat(col.min)}`, `max ${formatStat(col.max)}`, `mean ${formatStat(col.mean)}`, `sd ${formatStat(col.std)}`].join(' · ');
  }
  const top = col.topValues ?? [];
  const shown = top.slice(0, 3).map((t) => `${t.value} ${t.count.toLocaleString('en-US')}`);
  const more = col.distinct > shown.length ? ', …' : '';
  return `${col.distinct.toLocaleString('en-US')} value${col.distinct === 1 ? '' : 's'}: ${shown.join(', ')}${more}`;
}

/** Warnings about a column's cells, empty when it is clean. */
export function columnWarnings(col: TableColumn): string[] {
  const out: string[] = [];
  if (col.missing) out.push(`${col.missing.toLocaleString('en-US')} empty`);
  if (col.invalid) out.push(`${col.invalid.toLocaleString('en-US')} not a number${col.firstInvalidLine ? ` (first on line ${col.firstInvalidLine})` : ''}`);
  return out;
}

/** The line a loader named in its message ("data.csv, line 7: …"), for the error's badge. */
export function errorLine(message: string): number | null {
  const m = /\bline (\d+)/i.exec(message);
  return m ? Number(m[1]) : null;
}

/** "400 train · 100 test · 2 classes" under the preview's title. */
export function infoLine(info: DatasetInfo): string {
  const parts = [`${info.trainCount.toLocaleString('en-US')} train`, `${info.testCount.toLocaleString('en-US')} test`];
  parts.push(info.task === 'classification' ? `${info.numClasses} classes` : `regression${info.targetSize > 1 ? ` (${info.targetSize} values)` : ''}`);
  parts.push(`input [${info.inputShape.join(', ')}]`);
  return parts.join(' · ');
}

