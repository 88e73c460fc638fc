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

/** A seeded random source, so the same seed gives the same data. */
export const SEEDED_RANDOM: Snippet = {
  code: `/** mulberry32: a tiny seeded generator of numbers in [0, 1); bits above 32 are folded in so that large seeds still differ. */
function seededRandom(seed: number): () => number {
  let state = (seed ^ Math.floor(seed / 4294967296)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}`,
};

/** Shuffles sample order before a train/test split. */
export const SEEDED_SHUFFLE: Snippet = {
  code: `/** A Fisher–Yates shuffle of the indices 0..n-1. */
function shuffledIndices(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
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
