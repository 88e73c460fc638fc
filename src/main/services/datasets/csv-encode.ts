/**
 * Turns a CSV table into training arrays: numeric inputs (scaled),
 * categorical inputs one-hot, the target as class indices or numbers, and a
 * seeded shuffle split into training and test rows. Scaling is fitted on the
 * training rows only, so that nothing about the test rows leaks into training.
 *
 * Loading reads the text twice: once for its layout (csv-table.ts), once to
 * keep each used cell as a number or a category code, so that memory follows
 * the table's size in numbers, not the size of its text.
 * Exported programs carry this file as it is (codegen/data/module-files.ts),
 * so it reads no files itself.
 */
import type { DatasetInfo, LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { createRandom, shuffledIndices } from '../../../shared/datasets/random.ts';
import { DatasetError, count } from './dataset-error.ts';
import { MAX_DATASET_VALUES } from './dataset-limits.ts';
import { type CsvSink, readCsvText } from './csv-parse.ts';
import { type CsvLayout, CsvLayoutScan, columnIndex, dataRecords, isMissing, numberIn } from './csv-table.ts';
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

function byValue(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Distinct strings in first-seen order, each row holding its string's code (-1: missing). */
class Codes {
  readonly codes: Int32Array;
  readonly dictionary = new Map<string, number>();

  constructor(rows: number) {
    this.codes = new Int32Array(rows);
  }

  set(row: number, value: string): void {
    let code = this.dictionary.get(value);
    if (code === undefined) {
      code = this.dictionary.size;
      this.dictionary.set(value, code);
    }
    this.codes[row] = code;
  }

  /** The distinct strings sorted, and for each code its place among them. */
  sorted(): { readonly values: string[]; readonly place: Int32Array } {
    const values = [...this.dictionary.keys()].sort(byValue);
    const place = new Int32Array(values.length);
    values.forEach((v, i) => (place[this.dictionary.get(v) ?? 0] = i));
    return { values, place };
  }
}

/** One input column as it becomes features: a number, or one 0/1 feature per category. */
type InputColumn =
  | { readonly type: 'numeric'; readonly col: number; readonly values: Float64Array }
  | { readonly type: 'categorical'; readonly col: number; readonly codes: Codes };

interface Target {
  readonly values: Float64Array;
  readonly classNames?: readonly string[];
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

/** Numeric class labels as classes: "1" and "1.0" are one class (so are -0 and 0), and 10 sorts after 9. */
function numericClasses(values: Float64Array): Target {
  const distinct = values.slice().sort().filter((x, i, all) => i === 0 || x !== all[i - 1]);
  const index = new Map(Array.from(distinct, (x, i) => [x, i]));
  return { values: values.map((x) => index.get(x) ?? 0), classNames: Array.from(distinct, String) };
}

function checkClasses(layout: CsvLayout, col: number, classNames: readonly string[]): void {
  const header = layout.headers[col];
  if (classNames.length < 2) {
    throw new DatasetError(`${layout.name}: the target column "${header}" has only one value ("${classNames[0]}"); classification needs at least two classes.`, { file: layout.name });
  }
  if (classNames.length > MAX_CLASSES) {
    throw new DatasetError(
      `${layout.name}: the target column "${header}" has ${count(classNames.length)} different values, too many classes; if it is a quantity, choose the regression task.`,
      { file: layout.name },
    );
  }
}

/**
 * The second reading: keeps each input cell as a number or a category code
 * and the target as a number or a class code, then encodes. Problems are
 * reported in the order a person fixes them: unknown columns first (before
 * reading), then the first bad input cell in the file, then the target.
 */
export function csvEncoder(layout: CsvLayout, settings: CsvSettings, seed: number): CsvSink<LoadedDataset> {
  const { name } = layout;
  const targetCol = columnIndex(layout, settings.target, 'target');
  const ignored = new Set((settings.ignore ?? []).map((h) => columnIndex(layout, h, 'column to ignore')));
  const inputCols = layout.headers.map((_, i) => i).filter((i) => i !== targetCol && !ignored.has(i));
  if (inputCols.length === 0) {
    throw new DatasetError(`${name}: no input columns are left once the target "${layout.headers[targetCol]}" and the ignored columns are set aside.`, { file: name });
  }
  const n = layout.rowCount;
  const inputs: InputColumn[] = inputCols.map((col) =>
    layout.types[col] === 'numeric' ? { type: 'numeric', col, values: new Float64Array(n) } : { type: 'categorical', col, codes: new Codes(n) },
  );
  const numericInputs = inputs.filter((i) => i.type === 'numeric');
  const categoricalInputs = inputs.filter((i) => i.type === 'categorical');

  const header = layout.headers[targetCol];
  const numericTarget = layout.types[targetCol] === 'numeric';
  const regressCategories = settings.task === 'regression' && !numericTarget;
  const targetNumbers = numericTarget ? new Float64Array(n) : undefined;
  const targetCodes = numericTarget ? undefined : new Codes(n);
  let example: string | undefined;
  // The first bad target cell; reported only once every input cell has been read.
  let targetProblem: DatasetError | undefined;

  let r = 0;
  const rows = dataRecords(layout, (fields, line) => {
    for (const input of numericInputs) input.values[r] = numberIn(layout, fields[input.col].trim(), line, input.col) ?? NaN;
    for (const input of categoricalInputs) {
      const v = fields[input.col].trim();
      if (isMissing(v)) input.codes.codes[r] = -1;
      else input.codes.set(r, v);
    }
    const v = fields[targetCol].trim();
    if (regressCategories) {
      if (example === undefined && !isMissing(v)) example = v;
    } else if (targetProblem === undefined) {
      if (isMissing(v)) {
        targetProblem = new DatasetError(`${name}, line ${line}: the target "${header}" is empty; fill it in or remove the row.`, { file: name, line });
      } else if (targetNumbers) {
        try {
          targetNumbers[r] = numberIn(layout, v, line, targetCol) ?? NaN;
        } catch (e) {
          targetProblem = e as DatasetError;
        }
      } else targetCodes?.set(r, v);
    }
    r++;
  });

  const encodeTarget = (): Target => {
    if (regressCategories) {
      throw new DatasetError(
        `${name}: the target column "${header}" holds categories such as "${example ?? ''}", not numbers; choose the classification task or another target column.`,
        { file: name },
      );
    }
    if (targetProblem) throw targetProblem;
    if (settings.task === 'regression') return { values: targetNumbers ?? new Float64Array(n) };
    if (targetNumbers) {
      const target = numericClasses(targetNumbers);
      checkClasses(layout, targetCol, target.classNames ?? []);
      return target;
    }
    const { values: classNames, place } = (targetCodes ?? new Codes(0)).sorted();
    checkClasses(layout, targetCol, classNames);
    const codes = targetCodes?.codes ?? new Int32Array(n);
    return { values: Float64Array.from(codes, (c) => place[c]), classNames };
  };

  return {
    record: rows.record,
    end(delimiter) {
      rows.end(delimiter);
      return encodeRows(layout, settings, seed, inputs, encodeTarget());
    },
  };
}

function tooManyValues(layout: CsvLayout, inputs: readonly InputColumn[], width: number): DatasetError {
  let widest: { col: number; size: number } | undefined;
  for (const input of inputs) {
    if (input.type !== 'categorical') continue;
    const size = input.codes.dictionary.size;
    if (!widest || size > widest.size) widest = { col: input.col, size };
  }
  const hint = widest && widest.size > 1 ? `the column "${layout.headers[widest.col]}" alone gives ${count(widest.size)} inputs (one per category), so ignore it or use fewer rows` : 'use fewer rows or columns';
  const values = layout.rowCount * width;
  return new DatasetError(
    `${layout.name}: ${count(layout.rowCount)} rows × ${count(width)} inputs are ${count(values)} values, more than the ${count(MAX_DATASET_VALUES)} a dataset may hold; ${hint}.`,
    { file: layout.name },
  );
}

/** The read columns as training arrays: the seeded split, scaling fitted on the training rows, one-hot categories. */
function encodeRows(layout: CsvLayout, settings: CsvSettings, seed: number, inputs: readonly InputColumn[], target: Target): LoadedDataset {
  const featureNames: string[] = [];
  const categories = new Map(inputs.flatMap((input) => (input.type === 'categorical' ? [[input.col, input.codes.sorted()] as const] : [])));
  for (const input of inputs) {
    const header = layout.headers[input.col];
    if (input.type === 'numeric') featureNames.push(header);
    else featureNames.push(...(categories.get(input.col)?.values ?? []).map((c) => `${header}=${c}`));
  }
  const width = featureNames.length;
  if (layout.rowCount * width > MAX_DATASET_VALUES) throw tooManyValues(layout, inputs, width);

  const n = layout.rowCount;
  const order = shuffledIndices(n, createRandom(seed));
  // Keep at least one training row; a test set is only split off when asked for.
  const testCount = Math.min(n - 1, Math.round(n * settings.testRatio));
  const trainRows = order.slice(0, n - testCount);
  const testRows = order.slice(n - testCount);

  const encoders: ((r: number, out: Float32Array, at: number) => void)[] = [];
  let offset = 0;
  for (const input of inputs) {
    const at0 = offset;
    if (input.type === 'numeric') {
      const scale = fitScaler(input.values, trainRows, settings.scaling);
      encoders.push((r, out, at) => {
        out[at + at0] = scale(input.values[r]);
      });
      offset++;
    } else {
      const { values, place } = categories.get(input.col) ?? { values: [], place: new Int32Array(0) };
      const codes = input.codes.codes;
      encoders.push((r, out, at) => {
        if (codes[r] >= 0) out[at + at0 + place[codes[r]]] = 1;
      });
      offset += values.length;
    }
  }

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
    title: `${layout.name} (${count(trainRows.length)} training, ${count(testRows.length)} test rows)`,
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

/** Non-dataset failures (a bug, a string too long for the engine) still name the file. */
function asDatasetError(e: unknown, name: string): DatasetError {
  if (e instanceof DatasetError) return e;
  return new DatasetError(`${name}: could not be read as CSV (${(e as Error).message}).`, { file: name }, { cause: e });
}

/**
 * CSV text to training arrays: parse, type the columns, encode. The app's
 * loader runs the same two readings over the file as a stream (csv.ts); an
 * exported project's data.ts calls this with the file's text, so both read
 * the same rows as the same numbers. `name` is the file name messages use.
 */
export function csvDataset(text: string, name: string, settings: CsvSettings, seed: number, onProgress: ProgressFn = noProgress): LoadedDataset {
  onProgress(0.3, 'Parsing CSV');
  try {
    const layout = readCsvText(text, name, new CsvLayoutScan(name));
    onProgress(0.6, 'Encoding columns');
    return readCsvText(text, name, csvEncoder(layout, settings, seed), { delimiter: layout.delimiter });
  } catch (e) {
    throw asDatasetError(e, name);
  }
}
