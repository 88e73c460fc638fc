/**
 * Datasets the user gives as IDX files (the MNIST format), read from disk;
 * idx-set.ts turns the decoded files into training arrays.
 */
import type { DatasetRef } from '../../../shared/document/schema.ts';
import type { DatasetInfo, LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { shortName } from './errors.ts';
import type { ReadIdxOptions } from './idx.ts';
import { readIdx } from './idx-file.ts';
import { type IdxFile, type IdxFiles, checkTestFiles, idxDataset, idxInfo } from './idx-set.ts';
import { type ProgressFn, noProgress } from './progress.ts';

export type IdxRef = Extract<DatasetRef, { kind: 'idx' }>;

/** The ref's four paths, resolved by the caller. */
export type IdxPaths = IdxFiles<string>;

async function read(path: string, options?: ReadIdxOptions): Promise<IdxFile> {
  return { path, name: shortName(path), array: await readIdx(path, options) };
}

async function readAll(paths: IdxPaths, imageOptions?: ReadIdxOptions): Promise<IdxFiles<IdxFile>> {
  checkTestFiles(paths);
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    read(paths.trainImages, imageOptions),
    read(paths.trainLabels),
    paths.testImages === undefined ? undefined : read(paths.testImages, imageOptions),
    paths.testLabels === undefined ? undefined : read(paths.testLabels),
  ]);
  return { trainImages, trainLabels, ...(testImages && testLabels ? { testImages, testLabels } : {}) };
}

export async function loadIdxDataset(paths: IdxPaths, onProgress: ProgressFn = noProgress): Promise<LoadedDataset> {
  onProgress(0, `Reading ${shortName(paths.trainImages)}`);
  const loaded = idxDataset(await readAll(paths));
  onProgress(1, `Loaded ${loaded.info.title}`);
  return loaded;
}

/** Headers and labels only (labels are small); images are not decoded. */
export async function describeIdxDataset(paths: IdxPaths): Promise<DatasetInfo> {
  return idxInfo(await readAll(paths, { maxItems: 0 }));
}
