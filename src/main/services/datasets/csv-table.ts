/**
 * From CSV records to a table's layout: is the first row a header, is each
 * column numeric or categorical, are all rows as wide as the first, how many
 * rows there are. CsvLayoutScan finds this in one reading that keeps only
 * per-column counts, so a large file is never held whole; loading then reads
 * the file a second time with the layout (csv-encode.ts).
 * Exported programs carry this file as it is (codegen/data/module-files.ts),
 * so it reads no files itself.
 */
import { DatasetError } from './dataset-error.ts';
import type { CsvSink } from './csv-parse.ts';

export type ColumnType = 'numeric' | 'categorical';

/** What a CSV holds, without its rows. */
export interface CsvLayout {
  readonly name: string;
  readonly delimiter: string;
  /** True when the first record holds column names rather than data. */
  readonly hasHeader: boolean;
  /** Column names: the header's, or "column 1", "column 2", … without one. */
  readonly headers: readonly string[];
  readonly types: readonly ColumnType[];
  /** Data records in the file, the header not counted. */
  readonly rowCount: number;
  /** The first data records, trimmed (as many as the scan was asked to keep). */
  readonly firstRows: readonly (readonly string[])[];
}

/** Words spreadsheets and data exports write for "no value". */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-']);

export function isMissing(value: string): boolean {
  // The longest marker has 4 letters; longer cells skip the lower-casing copy.
  return value.length <= 4 && MISSING.has(value.toLowerCase());
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Strict: "12", "-0.5", "1e-3"; not "12 kg", "0x1F" or "" (Number() accepts the last two). */
export function parseNumber(value: string): number | undefined {
  return NUMBER.test(value) ? Number(value) : undefined;
}

/** Filled and numeric cells of one column, the figures its type follows from. */
interface TypeCount {
  filled: number;
  numbers: number;
}

function countCell(counts: TypeCount, v: string): void {
  if (isMissing(v)) return;
  counts.filled++;
  if (parseNumber(v) !== undefined) counts.numbers++;
}

/**
 * A column is numeric when most of its filled cells are numbers; the odd word
 * among numbers is then a data error to report, not a reason to treat ages
 * as 80 categories.
 */
function typeOf(counts: TypeCount): ColumnType {
  return counts.filled > 0 && counts.numbers * 2 > counts.filled ? 'numeric' : 'categorical';
}

/** A record with nothing but spaces: as blank as an empty line. */
export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0].trim() === '';
}

/**
 * Finds a table's layout in one reading, keeping per column only what the
 * header guess and the types need. The first record is a header when one of
 * its cells is a word where the rest of that column holds numbers; in an
 * all-text table, when its cells are distinct and none of them turns up again
 * in its column.
 */
export class CsvLayoutScan implements CsvSink<CsvLayout> {
  private readonly name: string;
  private readonly keep: number;
  /** The first records, trimmed: the candidate header and the first data rows. */
  private readonly kept: string[][] = [];
  private records = 0;
  /** Records after the first that are as wide as it: the header guess looks only at these. */
  private rest = 0;
  private counts: TypeCount[] = [];
  /** Per column: a later record repeats the first record's cell. */
  private repeated: boolean[] = [];
  private ragged: { readonly line: number; readonly found: number } | undefined;

  /** `keep`: how many data rows to keep for a preview. */
  constructor(name: string, keep = 0) {
    this.name = name;
    this.keep = keep;
  }

  record(fields: string[], line: number): void {
    if (isBlankRecord(fields)) return;
    const row = fields.map((v) => v.trim());
    if (this.records++ === 0) {
      this.counts = row.map(() => ({ filled: 0, numbers: 0 }));
      this.repeated = row.map(() => false);
    }
    if (this.kept.length <= this.keep) this.kept.push(row);
    if (this.records === 1) return;
    const first = this.kept[0];
    if (row.length !== first.length) {
      // Ragged rows are left out of the header guess so that the error can say "header" or "first line" correctly.
      this.ragged ??= { line, found: row.length };
      return;
    }
    this.rest++;
    for (let col = 0; col < row.length; col++) {
      const v = row[col];
      if (v === first[col]) this.repeated[col] = true;
      countCell(this.counts[col], v);
    }
  }

  private looksLikeHeader(): boolean {
    const first = this.kept[0];
    if (this.rest === 0) return first.every((v) => parseNumber(v) === undefined);
    let anyNumeric = false;
    for (let col = 0; col < first.length; col++) {
      if (typeOf(this.counts[col]) !== 'numeric') continue;
      anyNumeric = true;
      if (!isMissing(first[col]) && parseNumber(first[col]) === undefined) return true;
    }
    if (anyNumeric) return false;
    if (first.some((v) => v === '') || new Set(first).size !== first.length) return false;
    return this.repeated.every((r) => !r);
  }

  end(delimiter: string): CsvLayout {
    const { name } = this;
    if (this.records === 0) {
      throw new DatasetError(`${name} is empty: it has no rows of data.`, { file: name });
    }
    const first = this.kept[0];
    const hasHeader = this.looksLikeHeader();
    if (this.ragged) {
      const { line, found } = this.ragged;
      const reference = hasHeader ? 'the header' : 'the first line';
      throw new DatasetError(`${name}, line ${line}: expected ${first.length} fields like ${reference}, found ${found}.`, { file: name, line });
    }
    const rowCount = hasHeader ? this.records - 1 : this.records;
    if (rowCount === 0) {
      throw new DatasetError(`${name} has a header but no rows of data.`, { file: name });
    }
    const headers = hasHeader ? uniqueNames(first) : first.map((_, i) => `column ${i + 1}`);
    if (!hasHeader) first.forEach((v, col) => countCell(this.counts[col], v));
    const types = this.counts.map(typeOf);
    const firstRows = hasHeader ? this.kept.slice(1) : this.kept.slice(0, this.keep);
    return { name, delimiter, hasHeader, headers, types, rowCount, firstRows };
  }
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
export function columnIndex(layout: CsvLayout, wanted: string, role: string): number {
  const exact = layout.headers.indexOf(wanted);
  if (exact >= 0) return exact;
  const key = wanted.trim().toLowerCase();
  const loose = layout.headers.findIndex((h) => h.toLowerCase() === key);
  if (loose >= 0) return loose;
  const list = layout.headers.map((h) => `"${h}"`).join(', ');
  const why = layout.hasHeader ? `its columns are ${list}` : `it has no header line, so its columns are named ${list}`;
  throw new DatasetError(`${layout.name} has no column "${wanted}" (the ${role}): ${why}.`, { file: layout.name });
}

/** The number in a numeric column's cell (trimmed), or a message with line and column when it is not one. */
export function numberIn(layout: CsvLayout, v: string, line: number, col: number): number | undefined {
  if (isMissing(v)) return undefined;
  const x = parseNumber(v);
  if (x === undefined) {
    throw new DatasetError(`${layout.name}, line ${line}, column "${layout.headers[col]}": "${v}" is not a number.`, { file: layout.name, line });
  }
  return x;
}

/**
 * A sink that hands on the data records of a table whose layout is known:
 * blank records and the header are skipped, cells are as written (untrimmed).
 * A record of another width, or another number of them, means the file
 * changed since its layout was found.
 */
export function dataRecords(layout: CsvLayout, onRow: (row: readonly string[], line: number) => void): CsvSink<number> {
  let skipHeader = layout.hasHeader;
  let rows = 0;
  const width = layout.headers.length;
  const changed = (): DatasetError => new DatasetError(`${layout.name} changed while it was being read; load it again.`, { file: layout.name });
  return {
    record(fields, line) {
      if (isBlankRecord(fields)) return;
      if (skipHeader) {
        skipHeader = false;
        return;
      }
      if (fields.length !== width || rows === layout.rowCount) throw changed();
      rows++;
      onRow(fields, line);
    },
    end() {
      if (rows !== layout.rowCount) throw changed();
      return rows;
    },
  };
}
