/**
 * CSV datasets: reading the file, the preview the data panel shows, and
 * loading for training. Files are read as streams, twice: once for the
 * table's layout, once for its figures or its encoding (csv-encode.ts), so
 * that memory follows the table's numbers, not the size of its text.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { DatasetRef } from '../../../shared/document/schema.ts';
import type { LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { fileError, shortName } from './errors.ts';
import { type CsvReadOptions, type CsvSink, CsvReader, readCsvText } from './csv-parse.ts';
import { type ColumnStats, columnStats } from './csv-stats.ts';
import { type CsvLayout, CsvLayoutScan } from './csv-table.ts';
import { csvEncoder } from './csv-encode.ts';
import { type ProgressFn, noProgress } from './progress.ts';

export type { ColumnStats } from './csv-stats.ts';

export type CsvRef = Extract<DatasetRef, { kind: 'csv' }>;

export interface CsvPreview {
  /** The file name (or the name given with the text). */
  readonly name: string;
  readonly delimiter: string;
  readonly hasHeader: boolean;
  readonly headers: readonly string[];
  /** The first data rows, as written (trimmed). */
  readonly rows: readonly (readonly string[])[];
  /** All data rows in the file. */
  readonly rowCount: number;
  readonly columns: readonly ColumnStats[];
}

export type CsvSource = { readonly path: string } | { readonly text: string; readonly name?: string };

/** Text is read in pieces of this many bytes: large enough for speed, small next to any table. */
const CHUNK_BYTES = 1 << 20;

/** How often, as a share of the file, progress is reported while it is read. */
const PROGRESS_STEP = 0.02;

/**
 * Reads the file from its start as a stream through `sink`; `progress`
 * hears the share of the file read so far.
 */
async function readCsvFile<T>(path: string, sink: CsvSink<T>, options: CsvReadOptions = {}, progress: (share: number) => void = () => {}): Promise<T> {
  const reader = new CsvReader(shortName(path), sink, options);
  try {
    const size = (await stat(path)).size;
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
    try {
      let reported = 0;
      for await (const chunk of stream) {
        reader.push(chunk as string);
        const share = size > 0 ? stream.bytesRead / size : 1;
        if (share - reported >= PROGRESS_STEP) {
          reported = share;
          progress(Math.min(1, share));
        }
      }
    } finally {
      stream.destroy();
    }
    return reader.end();
  } catch (e) {
    throw fileError(path, e);
  }
}

/**
 * What the data panel shows before the user picks a target: the first rows,
 * each column's type and figures. Fails only where nothing sensible can be
 * shown (empty file, unclosed quote, ragged rows); non-numbers in numeric
 * columns are counted in `invalid` instead, so the user can see them.
 */
export async function previewCsv(source: CsvSource, options: { rows?: number } = {}): Promise<CsvPreview> {
  const name = 'path' in source ? shortName(source.path) : (source.name ?? 'the CSV text');
  const read = async <T>(sink: CsvSink<T>, readOptions?: CsvReadOptions): Promise<T> =>
    'path' in source ? readCsvFile(source.path, sink, readOptions) : readCsvText(source.text, name, sink, readOptions);
  const layout: CsvLayout = await read(new CsvLayoutScan(name, options.rows ?? 20));
  const columns: ColumnStats[] = await read(columnStats(layout), { delimiter: layout.delimiter });
  return {
    name,
    delimiter: layout.delimiter,
    hasHeader: layout.hasHeader,
    headers: layout.headers,
    rows: layout.firstRows,
    rowCount: layout.rowCount,
    columns,
  };
}

export interface CsvLoadOptions {
  /** The CSV file to read (the ref's path resolved by the caller). */
  readonly path: string;
  /** Seeds the train/test shuffle; the same seed gives the same split. */
  readonly seed: number;
  readonly onProgress?: ProgressFn;
}

/**
 * Streams the file through the two readings csvDataset makes of an exported
 * project's text (layout, then encoding), so both read the same rows.
 */
export async function loadCsv(ref: CsvRef, options: CsvLoadOptions): Promise<LoadedDataset> {
  const onProgress = options.onProgress ?? noProgress;
  const name = shortName(options.path);
  onProgress(0, `Reading ${name}`);
  const layout = await readCsvFile(options.path, new CsvLayoutScan(name), {}, (share) => onProgress(0.45 * share, `Finding the columns of ${name}`));
  const encoder = csvEncoder(layout, ref, options.seed);
  const loaded = await readCsvFile(options.path, encoder, { delimiter: layout.delimiter }, (share) => onProgress(0.45 + 0.5 * share, `Reading ${name}`));
  onProgress(1, `Loaded ${loaded.info.title}`);
  return loaded;
}
