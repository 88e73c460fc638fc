/**
 * Splits CSV text into records (RFC 4180): fields in double quotes may hold
 * the delimiter, line breaks and doubled quotes; lines end in LF, CRLF or CR.
 * Each record keeps the line it starts on so that later checks can point at it.
 * Exported programs carry this file as it is (codegen/data/module-files.ts),
 * so it reads no files itself.
 */
import { DatasetError } from './dataset-error.ts';

export interface CsvRecords {
  readonly delimiter: string;
  readonly records: readonly (readonly string[])[];
  /** 1-based line where each record starts (a quoted field may span lines). */
  readonly lines: readonly number[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
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

/**
 * Parses the whole text. Blank lines are skipped; fields keep their spaces
 * except that numbers and categories are trimmed later by the column logic.
 * `name` is the file name used in messages.
 */
export function parseCsv(text: string, name: string, delimiter = sniffDelimiter(text)): CsvRecords {
  const delim = delimiter.charCodeAt(0);
  const records: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark from Excel is not data
  const n = text.length;

  let fields: string[] = [];
  let recordLine = 1;
  let fieldStart = i;
  // The value of a quoted field once its closing quote is read; unquoted fields are sliced from the text.
  let quotedValue: string | null = null;

  const takeField = (end: number): string => {
    const value = quotedValue ?? text.slice(fieldStart, end);
    quotedValue = null;
    return value;
  };
  const endRecord = (end: number): void => {
    const wasQuoted = quotedValue !== null;
    const last = takeField(end);
    // A line with nothing on it is a blank line, not a record with one empty field.
    if (fields.length > 0 || last !== '' || wasQuoted) {
      fields.push(last);
      records.push(fields);
      lines.push(recordLine);
    }
    fields = [];
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE && i === fieldStart) {
      const opened = line;
      i++;
      let value = '';
      let chunk = i;
      for (;;) {
        if (i >= n) {
          throw new DatasetError(`${name}, line ${opened}: a quoted field starts here but its closing quote (") is missing.`, { file: name, line: opened });
        }
        const q = text.charCodeAt(i);
        if (q === QUOTE) {
          value += text.slice(chunk, i);
          if (text.charCodeAt(i + 1) === QUOTE) {
            value += '"';
            i += 2;
            chunk = i;
            continue;
          }
          i++;
          break;
        }
        if (q === LF || (q === CR && text.charCodeAt(i + 1) !== LF)) line++;
        i++;
      }
      quotedValue = value;
      const next = text.charCodeAt(i);
      if (i < n && next !== delim && next !== LF && next !== CR) {
        throw new DatasetError(
          `${name}, line ${line}: unexpected text after a closing quote; inside quotes write a quote as "" (two quotes).`,
          { file: name, line },
        );
      }
      continue;
    }
    if (c === delim) {
      fields.push(takeField(i));
      i++;
      fieldStart = i;
      continue;
    }
    if (c === LF || c === CR) {
      endRecord(i);
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      recordLine = line;
      fieldStart = i;
      continue;
    }
    i++;
  }
  endRecord(n);
  return { delimiter, records, lines };
}
