/** CSV datasets: reading the file, the preview the data panel shows, and loading for training. */
import { readFile } from 'node:fs/promises';
import type { DatasetRef } from '../../../shared/document/schema.ts';
import type { LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { fileError, shortName } from './errors.ts';
import { parseCsv } from './csv-parse.ts';
import { type ColumnStats, columnStats } from './csv-stats.ts';
import { type CsvTable, buildTable } from './csv-table.ts';
import { csvDataset } from './csv-encode.ts';
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

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw fileError(path, e);
  }
}

async function tableOf(source: CsvSource): Promise<CsvTable> {
  if ('path' in source) {
    const text = await readText(source.path);
    return buildTable(parseCsv(text, shortName(source.path)), shortName(source.path));
  }
  const name = source.name ?? 'the CSV text';
  return buildTable(parseCsv(source.text, name), name);
}

/**
 * What the data panel shows before the user picks a target: the first rows,
 * each column's type and figures. Fails only where nothing sensible can be
 * shown (empty file, unclosed quote, ragged rows); non-numbers in numeric
 * columns are counted in `invalid` instead, so the user can see them.
 */
export async function previewCsv(source: CsvSource, options: { rows?: number } = {}): Promise<CsvPreview> {
  const table = await tableOf(source);
  return {
    name: table.name,
    delimiter: table.delimiter,
    hasHeader: table.hasHeader,
    headers: table.headers,
    rows: table.rows.slice(0, options.rows ?? 20),
    rowCount: table.rows.length,
    columns: table.headers.map((_, col) => columnStats(table, col)),
  };
}

export interface CsvLoadOptions {
  /** The CSV file to read (the ref's path resolved by the caller). */
  readonly path: string;
  /** Seeds the train/test shuffle; the same seed gives the same split. */
  readonly seed: number;
  readonly onProgress?: ProgressFn;
}

/** Reads the file and hands its text to csvDataset, the part an exported project runs too. */
export async function loadCsv(ref: CsvRef, options: CsvLoadOptions): Promise<LoadedDataset> {
  const onProgress = options.onProgress ?? noProgress;
  onProgress(0, `Reading ${shortName(options.path)}`);
  const loaded = csvDataset(await readText(options.path), shortName(options.path), ref, options.seed, onProgress);
  onProgress(1, `Loaded ${loaded.info.title}`);
  return loaded;
}
