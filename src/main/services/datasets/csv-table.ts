/**
 * From CSV records to a typed table: is the first row a header, is each
 * column numeric or categorical, and are all rows as wide as the first.
 * Exported programs carry this file as it is (codegen/data/module-files.ts),
 * so it reads no files itself.
 */
import { DatasetError, count } from './dataset-error.ts';
import type { CsvRecords } from './csv-parse.ts';

export type ColumnType = 'numeric' | 'categorical';

export interface CsvTable {
  readonly name: string;
  readonly delimiter: string;
  /** True when the first record holds column names rather than data. */
  readonly hasHeader: boolean;
  /** Column names: the header's, or "column 1", "column 2", … without one. */
  readonly headers: readonly string[];
  readonly types: readonly ColumnType[];
  /** Data records, trimmed, all as wide as the header. */
  readonly rows: readonly (readonly string[])[];
  /** 1-based file line of each data record, for messages. */
  readonly lines: readonly number[];
}

/** Words spreadsheets and data exports write for "no value". */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-']);

export function isMissing(value: string): boolean {
  return MISSING.has(value.toLowerCase());
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Strict: "12", "-0.5", "1e-3"; not "12 kg", "0x1F" or "" (Number() accepts the last two). */
export function parseNumber(value: string): number | undefined {
  return NUMBER.test(value) ? Number(value) : undefined;
}

/**
 * A column is numeric when most of its filled cells are numbers; the odd word
 * among numbers is then a data error to report, not a reason to treat ages
 * as 80 categories.
 */
function columnType(rows: readonly (readonly string[])[], col: number): ColumnType {
  let numbers = 0;
  let filled = 0;
  for (const row of rows) {
    const v = row[col];
    if (isMissing(v)) continue;
    filled++;
    if (parseNumber(v) !== undefined) numbers++;
  }
  return filled > 0 && numbers * 2 > filled ? 'numeric' : 'categorical';
}

/**
 * The first record is a header when one of its cells is a word where the rest
 * of that column holds numbers; in an all-text table, when its cells are
 * distinct and none of them turns up again in its column.
 */
function looksLikeHeader(first: readonly string[], rest: readonly (readonly string[])[]): boolean {
  if (rest.length === 0) return first.every((v) => parseNumber(v) === undefined);
  let anyNumeric = false;
  for (let col = 0; col < first.length; col++) {
    if (columnType(rest, col) !== 'numeric') continue;
    anyNumeric = true;
    if (!isMissing(first[col]) && parseNumber(first[col]) === undefined) return true;
  }
  if (anyNumeric) return false;
  if (first.some((v) => v === '') || new Set(first).size !== first.length) return false;
  return first.every((v, col) => !rest.some((row) => row[col] === v));
}

export function buildTable(parsed: CsvRecords, name: string): CsvTable {
  const { records } = parsed;
  const trimmed: string[][] = [];
  const kept: number[] = [];
  records.forEach((r, i) => {
    // A line of spaces is as blank as an empty one.
    if (r.length === 1 && r[0].trim() === '') return;
    trimmed.push(r.map((v) => v.trim()));
    kept.push(parsed.lines[i]);
  });
  const lines = kept;
  if (trimmed.length === 0) {
    throw new DatasetError(`${name} is empty: it has no rows of data.`, { file: name });
  }
  const width = trimmed[0].length;
  // Ragged rows are left out of the header guess so that the error below can say "header" or "first line" correctly.
  const hasHeader = looksLikeHeader(trimmed[0], trimmed.slice(1).filter((r) => r.length === width));
  const reference = hasHeader ? 'the header' : 'the first line';
  for (let r = 1; r < trimmed.length; r++) {
    if (trimmed[r].length !== width) {
      throw new DatasetError(`${name}, line ${lines[r]}: expected ${width} fields like ${reference}, found ${trimmed[r].length}.`, { file: name, line: lines[r] });
    }
  }
  const rows = hasHeader ? trimmed.slice(1) : trimmed;
  const rowLines = hasHeader ? lines.slice(1) : lines;
  if (rows.length === 0) {
    throw new DatasetError(`${name} has a header but no rows of data.`, { file: name });
  }
  const headers = hasHeader ? uniqueNames(trimmed[0]) : Array.from({ length: width }, (_, i) => `column ${i + 1}`);
  const types = headers.map((_, col) => columnType(rows, col));
  return { name, delimiter: parsed.delimiter, hasHeader, headers, types, rows, lines: rowLines };
}

/** Empty or repeated header cells get numbered so that every column can be named. */
function uniqueNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h, i) => {
    const base = h === '' ? `column ${i + 1}` : h;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** Finds a column by header, ignoring case and surrounding spaces; fails listing what there is. */
export function columnIndex(table: CsvTable, wanted: string, role: string): number {
  const exact = table.headers.indexOf(wanted);
  if (exact >= 0) return exact;
  const key = wanted.trim().toLowerCase();
  const loose = table.headers.findIndex((h) => h.toLowerCase() === key);
  if (loose >= 0) return loose;
  const list = table.headers.map((h) => `"${h}"`).join(', ');
  const why = table.hasHeader ? `its columns are ${list}` : `it has no header line, so its columns are named ${list}`;
  throw new DatasetError(`${table.name} has no column "${wanted}" (the ${role}): ${why}.`, { file: table.name });
}

/** The number in a numeric column's cell, or a message with line and column when it is not one. */
export function numberAt(table: CsvTable, row: number, col: number): number | undefined {
  const v = table.rows[row][col];
  if (isMissing(v)) return undefined;
  const x = parseNumber(v);
  if (x === undefined) {
    const line = table.lines[row];
    throw new DatasetError(`${table.name}, line ${line}, column "${table.headers[col]}": "${v}" is not a number.`, { file: table.name, line });
  }
  return x;
}

export function describeSize(table: CsvTable): string {
  return `${count(table.rows.length)} rows × ${table.headers.length} columns`;
}
