/** Source shared by the dataset loaders of generated programs. */
import type { Snippet } from '../snippet.ts';
import type { ModuleUse } from './modules.ts';

/** A loader's source and the app's data modules it calls (see modules.ts). */
export interface DataSnippet extends Snippet {
  readonly uses?: readonly ModuleUse[];
}

/** The shape every loader returns; emitted into every program. */
export const DATASET_TYPES: Snippet = {
  code: `/** Samples as flat rows: x holds count × (values per sample) numbers, y holds count × targetSize. */
interface Split {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly count: number;
}

interface Dataset {
  readonly title: string;
  readonly train: Split;
  readonly test: Split;
  /** Numbers per target: 1 for a class index or a single value. */
  readonly targetSize: number;
}

/** The first n samples of a split. */
function firstSamples(split: Split, n: number): Split {
  if (n >= split.count) return split;
  const xWidth = split.x.length / split.count;
  const yWidth = split.y.length / split.count;
  return { x: split.x.slice(0, n * xWidth), y: split.y.slice(0, n * yWidth), count: n };
}`,
};

/** For loaders that build samples as rows of numbers (the generated sets). */
export const TO_SPLIT: Snippet = {
  code: `/** Rows from..to (exclusive) of per-sample inputs and targets as a Split. */
function toSplit(inputs: readonly (readonly number[])[], targets: readonly (readonly number[])[], from: number, to: number): Split {
  const rows = inputs.slice(from, to);
  return { x: Float32Array.from(rows.flat()), y: Float32Array.from(targets.slice(from, to).flat()), count: rows.length };
}`,
};

/** The type the app's loaders return. */
export const LOADED_DATASET: ModuleUse = { module: 'src/shared/protocol/datasets.ts', names: ['type LoadedDataset'] };

/** For loaders that call the app's modules, which return a LoadedDataset (needs LOADED_DATASET). */
export const TO_DATASET = `/** The app's arrays as this program's Dataset. */
function toDataset(title: string, loaded: LoadedDataset): Dataset {
  const { info } = loaded;
  return {
    title,
    train: { x: loaded.xTrain, y: loaded.yTrain, count: info.trainCount },
    test: { x: loaded.xTest, y: loaded.yTest, count: info.testCount },
    targetSize: info.targetSize,
  };
}`;
