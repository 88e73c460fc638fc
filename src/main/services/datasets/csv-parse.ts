/**
 * Splits CSV text into records (RFC 4180): fields in double quotes may hold
 * the delimiter, line breaks and doubled quotes; lines end in LF, CRLF or CR.
 * Each record keeps the line it starts on so that later checks can point at it.
 *
 * The text may come in chunks cut anywhere (CsvReader), so that a file is read
 * as a stream and never held whole; the records are the same however it is
 * cut. Exported programs carry this file as it is (codegen/data/module-files.ts),
 * so it reads no files itself.
 */
import { DatasetError, count } from './dataset-error.ts';
import { MAX_CSV_CELLS } from './dataset-limits.ts';

export interface CsvRecords {
  readonly delimiter: string;
  readonly records: readonly (readonly string[])[];
  /** 1-based line where each record starts (a quoted field may span lines). */
  readonly lines: readonly number[];
}

/**
 * What one reading of a CSV does with its records: a pass that finds the
 * columns, one that encodes them, one that counts for the preview.
 */
export interface CsvSink<T> {
  /** One record as written (untrimmed); `line` is where it starts, 1-based. */
  record(fields: string[], line: number): void;
  /** The text has ended; `delimiter` is the one it was read with. */
  end(delimiter: string): T;
}

export interface CsvReadOptions {
  /** The delimiter; found from the first line when absent. */
  readonly delimiter?: string;
  /** Refuse the table once it holds more cells than this (default MAX_CSV_CELLS). */
  readonly maxCells?: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;
const CANDIDATES = [',', ';', '\t'] as const;

/**
 * Spreadsheets in many locales save with ";" and some tools with tabs; the
 * delimiter seen most often on the first line outside quotes wins, "," on a tie.
 */
export function sniffDelimiter(text: string): string {
  let end = text.search(/\r|\n/);
  if (end < 0) end = text.length;
  const tally = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < end; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && tally.has(ch)) tally.set(ch, (tally.get(ch) ?? 0) + 1);
  }
  let best: string = ',';
  for (const c of CANDIDATES) if ((tally.get(c) ?? 0) > (tally.get(best) ?? 0)) best = c;
  return best;
}

/** Where the reader is within a record: what the next character means. */
type ReadState =
  /** At the start of a field: a quote here opens a quoted field. */
  | 'start'
  | 'unquoted'
  | 'quoted'
  /** Just read a quote inside a quoted field: "" is a quote, anything else closes the field. */
  | 'quote'
  /** After a quoted field's closing quote: only a delimiter or a line break may follow. */
  | 'closed';

/**
 * Reads CSV text handed in chunks, cut anywhere, and passes each record to a
 * sink. Blank lines are skipped; fields keep their spaces (the column logic
 * trims). Until the first line break has arrived the text is held back, since
 * the delimiter is guessed from the first line.
 * @example
 * const reader = new CsvReader('data.csv', sink);
 * for await (const chunk of stream) reader.push(chunk);
 * const result = reader.end();
 */
export class CsvReader<T> {
  private readonly name: string;
  private readonly sink: CsvSink<T>;
  private readonly maxCells: number;
  private delim = -1;
  /** Text held back until the first line break shows the delimiter. */
  private waiting = '';
  private atStart = true;
  private state: ReadState = 'start';
  private fields: string[] = [];
  /** The current field's text from earlier chunks (for a quoted field: its value so far). */
  private partial = '';
  /** A record just ended at a CR, so an LF next is part of the same line break. */
  private afterCr = false;
  /** The last character inside quotes was a CR (CRLF in quotes counts as one line). */
  private crInQuotes = false;
  private line = 1;
  private recordLine = 1;
  private openedLine = 1;
  private cells = 0;

  constructor(name: string, sink: CsvSink<T>, options: CsvReadOptions = {}) {
    this.name = name;
    this.sink = sink;
    this.maxCells = options.maxCells ?? MAX_CSV_CELLS;
    if (options.delimiter !== undefined) this.delim = options.delimiter.charCodeAt(0);
  }

  /** The delimiter in use ("," until one has been found). */
  get delimiter(): string {
    return this.delim < 0 ? ',' : String.fromCharCode(this.delim);
  }

  push(chunk: string): void {
    if (this.delim < 0) {
      this.waiting += chunk;
      if (!/\r|\n/.test(chunk)) return;
      this.delim = sniffDelimiter(this.waiting).charCodeAt(0);
      chunk = this.waiting;
      this.waiting = '';
    }
    this.read(chunk);
  }

  /** The text has ended: closes the last record and returns the sink's result. */
  end(): T {
    if (this.delim < 0) {
      this.delim = sniffDelimiter(this.waiting).charCodeAt(0);
      this.read(this.waiting);
      this.waiting = '';
    }
    switch (this.state) {
      case 'quoted':
        throw new DatasetError(`${this.name}, line ${this.openedLine}: a quoted field starts here but its closing quote (") is missing.`, { file: this.name, line: this.openedLine });
      case 'quote':
      case 'closed':
        this.endRecord(this.partial, true);
        break;
      case 'start':
      case 'unquoted':
        this.endRecord(this.partial, false);
        break;
      default:
        throw new Error(`unknown CSV reader state ${this.state satisfies never}`);
    }
    return this.sink.end(this.delimiter);
  }

  private addField(value: string): void {
    if (++this.cells > this.maxCells) {
      throw new DatasetError(
        `${this.name}: by line ${count(this.line)} the table has more than ${count(this.maxCells)} cells (rows × columns), the most a CSV dataset may hold; use fewer rows or columns.`,
        { file: this.name, line: this.line },
      );
    }
    this.fields.push(value);
  }

  private endRecord(last: string, quoted: boolean): void {
    // A line with nothing on it is a blank line, not a record with one empty field.
    if (this.fields.length > 0 || last !== '' || quoted) {
      this.addField(last);
      const fields = this.fields;
      this.fields = [];
      this.sink.record(fields, this.recordLine);
    }
    this.partial = '';
    this.state = 'start';
  }

  private read(text: string): void {
    const delim = this.delim;
    const n = text.length;
    let i = 0;
    if (this.atStart && n > 0) {
      this.atStart = false;
      if (text.charCodeAt(0) === BOM) i = 1; // a byte-order mark from Excel is not data
    }
    // Where the current field's text starts in this chunk.
    let from = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case 'start':
          if (this.afterCr) {
            this.afterCr = false;
            if (c === LF) {
              i++;
              from = i;
              continue;
            }
          }
          if (c === QUOTE) {
            this.state = 'quoted';
            this.openedLine = this.line;
            this.crInQuotes = false;
            i++;
            from = i;
            continue;
          }
          this.state = 'unquoted';
          from = i;
          continue;
        case 'unquoted': {
          let d = c;
          while (d !== delim && d !== LF && d !== CR && ++i < n) d = text.charCodeAt(i);
          if (i === n) continue;
          if (d === delim) {
            this.addField(this.partial + text.slice(from, i));
            this.partial = '';
            this.state = 'start';
          } else {
            this.endRecord(this.partial + text.slice(from, i), false);
            this.lineBreak(d);
          }
          i++;
          continue;
        }
        case 'quoted':
          if (c === QUOTE) {
            this.partial += text.slice(from, i);
            this.state = 'quote';
          } else if (c === CR) {
            this.line++;
            this.crInQuotes = true;
            i++;
            continue;
          } else if (c === LF && !this.crInQuotes) this.line++;
          this.crInQuotes = false;
          i++;
          continue;
        case 'quote':
          if (c === QUOTE) {
            this.partial += '"';
            this.state = 'quoted';
            i++;
            from = i;
            continue;
          }
          this.state = 'closed';
          continue;
        case 'closed':
          if (c === delim) {
            this.addField(this.partial);
            this.partial = '';
            this.state = 'start';
          } else if (c === LF || c === CR) {
            this.endRecord(this.partial, true);
            this.lineBreak(c);
          } else {
            throw new DatasetError(
              `${this.name}, line ${this.line}: unexpected text after a closing quote; inside quotes write a quote as "" (two quotes).`,
              { file: this.name, line: this.line },
            );
          }
          i++;
          continue;
        default:
          throw new Error(`unknown CSV reader state ${this.state satisfies never}`);
      }
    }
    // The chunk ends inside a field: keep what it holds of it for the next chunk.
    if (this.state === 'unquoted') this.partial += text.slice(from, n);
    else if (this.state === 'quoted') this.partial += text.slice(from, n);
  }

  private lineBreak(c: number): void {
    this.line++;
    this.recordLine = this.line;
    this.afterCr = c === CR;
  }
}

/** Collects every record: for tests and small texts; loading uses a sink that keeps less. */
class RecordList implements CsvSink<CsvRecords> {
  private readonly records: string[][] = [];
  private readonly lines: number[] = [];

  record(fields: string[], line: number): void {
    this.records.push(fields);
    this.lines.push(line);
  }

  end(delimiter: string): CsvRecords {
    return { delimiter, records: this.records, lines: this.lines };
  }
}

/** Reads a whole text in one go through `sink`; `name` is the file name used in messages. */
export function readCsvText<T>(text: string, name: string, sink: CsvSink<T>, options: CsvReadOptions = {}): T {
  const reader = new CsvReader(name, sink, options);
  reader.push(text);
  return reader.end();
}

/** Parses the whole text into records. `name` is the file name used in messages. */
export function parseCsv(text: string, name: string, delimiter = sniffDelimiter(text)): CsvRecords {
  return readCsvText(text, name, new RecordList(), { delimiter });
}
