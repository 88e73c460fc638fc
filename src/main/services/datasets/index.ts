/**
 * The datasets service: one entry point that turns a project's DatasetRef
 * into arrays for the trainer, and a cheaper description for the UI. Every
 * failure comes out as a DatasetError whose message can be shown as is.
 */
import { isAbsolute, resolve } from 'node:path';
import type { DatasetRef } from '../../../shared/document/schema.ts';
import type { DatasetInfo, LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { describeBuiltin, describeGenerated, generateDataset } from '../../../shared/datasets/index.ts';
import { loadBuiltin } from './builtin.ts';
import { describeCifar10Folder, loadCifar10Folder } from './cifar10-folder.ts';
import { loadCsv } from './csv.ts';
import { DatasetError } from './errors.ts';
import { type IdxPaths, type IdxRef, describeIdxDataset, loadIdxDataset } from './idx-dataset.ts';
import { describeImages, loadImages } from './images.ts';
import { type ProgressFn, noProgress } from './progress.ts';

export { DatasetError, isDatasetError } from './errors.ts';
export { previewCsv, type CsvPreview, type CsvSource, type ColumnStats } from './csv.ts';
export { FASHION_CLASS_NAMES, clearBuiltinCache } from './builtin.ts';
export { parseIdx, type IdxArray, type IdxDtype } from './idx.ts';
export { readIdx } from './idx-file.ts';
export type { ProgressFn } from './progress.ts';

export interface DatasetLoadOptions {
  /** Folder that relative paths in the ref are read from: the project file's folder. Defaults to the working directory. */
  readonly baseDir?: string;
  /** Seeds the train/test split of CSV and image-folder sets (default 1); generated sets use their own seed. */
  readonly seed?: number;
  readonly onProgress?: ProgressFn;
}

const DEFAULT_SEED = 1;

function resolver(baseDir: string | undefined): (path: string) => string {
  return (path) => (isAbsolute(path) ? path : resolve(baseDir ?? process.cwd(), path));
}

function idxPaths(ref: IdxRef, at: (p: string) => string): IdxPaths {
  return {
    trainImages: at(ref.trainImages),
    trainLabels: at(ref.trainLabels),
    ...(ref.testImages === undefined ? {} : { testImages: at(ref.testImages) }),
    ...(ref.testLabels === undefined ? {} : { testLabels: at(ref.testLabels) }),
  };
}

/** Anything a loader did not foresee still reaches the user as one readable line. */
async function guarded<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(`Could not ${what}: ${e instanceof Error ? e.message : String(e)}`, {}, { cause: e });
  }
}

/**
 * Loads the whole dataset: row-major float arrays, classification targets
 * as class indices.
 * @example
 * const data = await loadDataset({ kind: 'builtin', name: 'mnist', trainSubset: 5000 });
 * data.info.inputShape; // [28, 28]
 * data.xTrain.length;   // 5000 × 784
 */
export function loadDataset(ref: DatasetRef, options: DatasetLoadOptions = {}): Promise<LoadedDataset> {
  const at = resolver(options.baseDir);
  const seed = options.seed ?? DEFAULT_SEED;
  const onProgress = options.onProgress ?? noProgress;
  return guarded('load the dataset', async () => {
    switch (ref.kind) {
      case 'builtin':
        return loadBuiltin(ref, onProgress);
      case 'generated': {
        const data = generateDataset(ref);
        onProgress(1, `Generated ${data.info.title}`);
        return data;
      }
      case 'csv':
        return loadCsv(ref, { path: at(ref.path), seed, onProgress });
      case 'idx':
        return loadIdxDataset(idxPaths(ref, at), onProgress);
      case 'images':
        return loadImages(ref, { folder: at(ref.folder), seed, onProgress });
      case 'cifar10':
        return loadCifar10Folder(ref, at(ref.folder), onProgress);
      default:
        throw new Error(`unknown dataset kind ${(ref satisfies never as { kind: string }).kind}`);
    }
  });
}

/**
 * What the data panel shows: sizes, shapes and class names. Built-in and
 * generated sets, IDX headers and image folders are described without
 * decoding data; a CSV has to be read whole to know its columns and classes.
 */
export function describeDataset(ref: DatasetRef, options: Omit<DatasetLoadOptions, 'onProgress'> = {}): Promise<DatasetInfo> {
  const at = resolver(options.baseDir);
  return guarded('read the dataset', async () => {
    switch (ref.kind) {
      case 'builtin':
        return describeBuiltin(ref);
      case 'generated':
        return describeGenerated(ref);
      case 'csv':
        return (await loadCsv(ref, { path: at(ref.path), seed: options.seed ?? DEFAULT_SEED })).info;
      case 'idx':
        return describeIdxDataset(idxPaths(ref, at));
      case 'images':
        return describeImages(ref, at(ref.folder));
      case 'cifar10':
        return describeCifar10Folder(ref, at(ref.folder));
      default:
        throw new Error(`unknown dataset kind ${(ref satisfies never as { kind: string }).kind}`);
    }
  });
}
