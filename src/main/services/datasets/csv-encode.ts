/**
 * Turns a typed CSV table into training arrays: numeric inputs (scaled),
 * categorical inputs one-hot, the target as class indices or numbers, and a
 * seeded shuffle split into training and test rows. Scaling is fitted on the
 * training rows only, so that nothing about the test rows leaks into training.
 * Exported programs carry this file as it is (codegen/data/module-files.ts),
 * so it reads no files itself.
 */
import type { DatasetInfo, LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { createRandom, shuffledIndices } from '../../../shared/datasets/random.ts';
import { DatasetError, count } from './dataset-error.ts';
import { parseCsv } from './csv-parse.ts';
import { type CsvTable, buildTable, columnIndex, isMissing, numberAt } from './csv-table.ts';
import { type ProgressFn, noProgress } from './progress.ts';
import { RunningStats } from './running-stats.ts';

/**
 * How a table becomes training data: the CSV dataset reference's fields
 * (spelt out rather than taken from the document schema, so that this file
 * can be copied into an exported project without it).
 */
export interface CsvSettings {
  /** Header of the column to predict. */
  readonly target: string;
  /** Headers of columns left out of the inputs. */
  readonly ignore?: readonly string[];
  readonly scaling: 'none' | 'minmax' | 'standard';
  readonly task: 'classification' | 'regression';
  /** Share of the rows held out for testing, after a seeded shuffle. */
  readonly testRatio: number;
}

/** Beyond this many distinct values a "class" column is almost surely a number to regress. */
const MAX_CLASSES = 1000;

interface Target {
  readonly values: Float64Array;
  readonly classNames?: readonly string[];
}

function byValue(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function encodeTarget(table: CsvTable, col: number, task: CsvSettings['task']): Target {
  const header = table.headers[col];
  const values = new Float64Array(table.rows.length);
  const missingAt = (r: number): never => {
    const line = table.lines[r];
    throw new DatasetError(`${table.name}, line ${line}: the target "${header}" is empty; fill it in or remove the row.`, { file: table.name, line });
  };
  if (task === 'regression') {
    if (table.types[col] === 'categorical') {
      const example = table.rows.find((row) => !isMissing(row[col]))?.[col] ?? '';
      throw new DatasetError(
        `${table.name}: the target column "${header}" holds categories such as "${example}", not numbers; choose the classification task or another target column.`,
        { file: table.name },
      );
    }
    table.rows.forEach((_, r) => {
      values[r] = numberAt(table, r, col) ?? missingAt(r);
    });
    return { values };
  }
  // Numeric class labels are compared as numbers so that "1" and "1.0" are one class and 10 sorts after 9.
  const numeric = table.types[col] === 'numeric';
  const keys = table.rows.map((row, r) => {
    if (isMissing(row[col])) return missingAt(r);
    return numeric ? String(numberAt(table, r, col)) : row[col];
  });
  const distinct = [...new Set(keys)];
  distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : byValue);
  if (distinct.length < 2) {
    throw new DatasetError(`${table.name}: the target column "${header}" has only one value ("${distinct[0]}"); classification needs at least two classes.`, { file: table.name });
  }
  if (distinct.length > MAX_CLASSES) {
    throw new DatasetError(
      `${table.name}: the target column "${header}" has ${count(distinct.length)} different values, too many classes; if it is a quantity, choose the regression task.`,
      { file: table.name },
    );
  }
  const index = new Map(distinct.map((k, i) => [k, i]));
  keys.forEach((k, r) => {
    values[r] = index.get(k) ?? 0;
  });
  return { values, classNames: distinct };
}

/** One input column as it becomes features: a number, or one 0/1 feature per category. */
type InputColumn =
  | { readonly type: 'numeric'; readonly col: number; readonly values: Float64Array }
  | { readonly type: 'categorical'; readonly col: number; readonly categories: readonly string[] };

/** Reads every cell in file order so that the first bad value reported is the first in the file. */
function readInputs(table: CsvTable, cols: readonly number[]): InputColumn[] {
  const numeric = cols.filter((c) => table.types[c] === 'numeric');
  const values = new Map(numeric.map((c) => [c, new Float64Array(table.rows.length)]));
  table.rows.forEach((_, r) => {
    for (const c of numeric) values.get(c)![r] = numberAt(table, r, c) ?? NaN;
  });
  return cols.map((col) => {
    const v = values.get(col);
    if (v) return { type: 'numeric', col, values: v };
    const categories = [...new Set(table.rows.map((row) => row[col]).filter((x) => !isMissing(x)))].sort(byValue);
    return { type: 'categorical', col, categories };
  });
}

/** Maps a raw value to its scaled one with figures fitted on the training rows; missing cells become the training mean. */
function fitScaler(values: Float64Array, trainRows: Uint32Array, scaling: CsvSettings['scaling']): (x: number) => number {
  const s = new RunningStats();
  for (const r of trainRows) if (!Number.isNaN(values[r])) s.add(values[r]);
  const mean = s.n > 0 ? s.mean : 0;
  const fill = (x: number): number => (Number.isNaN(x) ? mean : x);
  switch (scaling) {
    case 'none':
      return fill;
    case 'minmax': {
      const range = s.max - s.min;
      // A constant column carries no information; 0 keeps it harmless.
      return range > 0 ? (x) => (fill(x) - s.min) / range : () => 0;
    }
    case 'standard': {
      const std = s.std;
      return std > 0 ? (x) => (fill(x) - mean) / std : () => 0;
    }
    default:
      throw new Error(`unknown scaling ${scaling satisfies never}`);
  }
}

export function encodeCsv(table: CsvTable, settings: CsvSettings, seed: number): LoadedDataset {
  const targetCol = columnIndex(table, settings.target, 'target');
  const ignored = new Set((settings.ignore ?? []).map((h) => columnIndex(table, h, 'column to ignore')));
  const inputCols = table.headers.map((_, i) => i).filter((i) => i !== targetCol && !ignored.has(i));
  if (inputCols.length === 0) {
    throw new DatasetError(`${table.name}: no input columns are left once the target "${table.headers[targetCol]}" and the ignored columns are set aside.`, { file: table.name });
  }
  const inputs = readInputs(table, inputCols);
  const target = encodeTarget(table, targetCol, settings.task);

  const n = table.rows.length;
  const order = shuffledIndices(n, createRandom(seed));
  // Keep at least one training row; a test set is only split off when asked for.
  const testCount = Math.min(n - 1, Math.round(n * settings.testRatio));
  const trainRows = order.slice(0, n - testCount);
  const testRows = order.slice(n - testCount);

  const featureNames: string[] = [];
  const encoders: ((r: number, out: Float32Array, at: number) => void)[] = [];
  for (const input of inputs) {
    const header = table.headers[input.col];
    if (input.type === 'numeric') {
      const scale = fitScaler(input.values, trainRows, settings.scaling);
      const offset = featureNames.length;
      featureNames.push(header);
      encoders.push((r, out, at) => {
        out[at + offset] = scale(input.values[r]);
      });
    } else {
      const offset = featureNames.length;
      const slot = new Map(input.categories.map((c, i) => [c, i]));
      featureNames.push(...input.categories.map((c) => `${header}=${c}`));
      encoders.push((r, out, at) => {
        const i = slot.get(table.rows[r][input.col]);
        if (i !== undefined) out[at + offset + i] = 1;
      });
    }
  }

  const width = featureNames.length;
  const encode = (rows: Uint32Array): { x: Float32Array; y: Float32Array } => {
    const x = new Float32Array(rows.length * width);
    const y = new Float32Array(rows.length);
    rows.forEach((r, i) => {
      for (const e of encoders) e(r, x, i * width);
      y[i] = target.values[r];
    });
    return { x, y };
  };
  const train = encode(trainRows);
  const test = encode(testRows);

  const classNames = target.classNames;
  const info: DatasetInfo = {
    title: `${table.name} (${count(trainRows.length)} training, ${count(testRows.length)} test rows)`,
    task: settings.task,
    inputShape: [width],
    numClasses: classNames?.length ?? 0,
    ...(classNames ? { classNames } : {}),
    featureNames,
    targetSize: 1,
    trainCount: trainRows.length,
    testCount: testRows.length,
    isImage: false,
  };
  return { info, xTrain: train.x, yTrain: train.y, xTest: test.x, yTest: test.y };
}

/**
 * CSV text to training arrays: parse, type the columns, encode. The app's
 * loader and an exported project's data.ts both call this with the file's
 * text, so they read the same rows as the same numbers. `name` is the file
 * name messages use.
 */
export function csvDataset(text: string, name: string, settings: CsvSettings, seed: number, onProgress: ProgressFn = noProgress): LoadedDataset {
  onProgress(0.3, 'Parsing CSV');
  try {
    const table = buildTable(parseCsv(text, name), name);
    onProgress(0.6, 'Encoding columns');
    return encodeCsv(table, settings, seed);
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(`${name}: could not be read as CSV (${(e as Error).message}).`, { file: name }, { cause: e });
  }
}
