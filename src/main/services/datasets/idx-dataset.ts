/**
 * Datasets the user gives as IDX files (the MNIST format): an images file and
 * a labels file for training, optionally the same pair for testing.
 * Unsigned-byte pixels are scaled to 0–1; other value types are used as they are.
 */
import type { DatasetRef } from '../../../shared/document/schema.ts';
import type { DatasetInfo, LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { DatasetError, count, shortName } from './errors.ts';
import { type IdxArray, readIdx } from './idx.ts';
import { type ProgressFn, noProgress } from './progress.ts';

export type IdxRef = Extract<DatasetRef, { kind: 'idx' }>;

/** The ref's four paths, resolved by the caller. */
export interface IdxPaths {
  readonly trainImages: string;
  readonly trainLabels: string;
  readonly testImages?: string;
  readonly testLabels?: string;
}

const LABEL_TYPES = new Set(['ubyte', 'byte', 'short', 'int']);

function checkPair(images: IdxArray, labels: IdxArray, imagesPath: string, labelsPath: string): void {
  if (images.dims.length < 2) {
    throw new DatasetError(`${shortName(imagesPath)} holds a plain list of ${count(images.totalItems)} values, not images: an images file has at least two dimensions (count × size).`, { file: imagesPath });
  }
  const labelShape = labels.dims.slice(1);
  if (!LABEL_TYPES.has(labels.dtype) || labelShape.some((d) => d !== 1)) {
    const shape = [labels.totalItems, ...labelShape].join('×');
    throw new DatasetError(`${shortName(labelsPath)} is not a labels file: it holds ${labels.dtype} values shaped ${shape}, where labels are one whole number per image.`, { file: labelsPath });
  }
  if (images.totalItems !== labels.totalItems) {
    throw new DatasetError(
      `${shortName(imagesPath)} holds ${count(images.totalItems)} images but ${shortName(labelsPath)} holds ${count(labels.totalItems)} labels; they must match one to one. Are they from the same set?`,
      { file: labelsPath },
    );
  }
  for (let i = 0; i < labels.data.length; i++) {
    if (labels.data[i] < 0) {
      throw new DatasetError(`${shortName(labelsPath)}: label ${i} is ${labels.data[i]}; class labels must be 0 or more.`, { file: labelsPath });
    }
  }
}

function pixels(images: IdxArray): Float32Array {
  if (images.dtype !== 'ubyte') return Float32Array.from(images.data);
  const out = new Float32Array(images.data.length);
  for (let i = 0; i < out.length; i++) out[i] = images.data[i] / 255;
  return out;
}

function maxLabel(labels: IdxArray | undefined): number {
  let m = -1;
  if (labels) for (let i = 0; i < labels.data.length; i++) if (labels.data[i] > m) m = labels.data[i];
  return m;
}

function infoFor(paths: IdxPaths, itemShape: readonly number[], numClasses: number, trainCount: number, testCount: number): DatasetInfo {
  const last = itemShape[itemShape.length - 1];
  return {
    title: `${shortName(paths.trainImages)} (${count(trainCount)} training, ${count(testCount)} test images)`,
    task: 'classification',
    inputShape: itemShape,
    numClasses,
    classNames: Array.from({ length: numClasses }, (_, i) => String(i)),
    targetSize: 1,
    trainCount,
    testCount,
    isImage: itemShape.length === 2 || (itemShape.length === 3 && (last === 1 || last === 3)),
  };
}

function checkTestPaths(paths: IdxPaths): void {
  if ((paths.testImages === undefined) !== (paths.testLabels === undefined)) {
    const [given, missing] = paths.testImages === undefined ? ['labels', 'images'] : ['images', 'labels'];
    throw new DatasetError(`The IDX dataset names a test ${given} file but no test ${missing} file; give both or neither.`);
  }
}

export async function loadIdxDataset(paths: IdxPaths, onProgress: ProgressFn = noProgress): Promise<LoadedDataset> {
  checkTestPaths(paths);
  onProgress(0, `Reading ${shortName(paths.trainImages)}`);
  const [trainImages, trainLabels] = await Promise.all([readIdx(paths.trainImages), readIdx(paths.trainLabels)]);
  checkPair(trainImages, trainLabels, paths.trainImages, paths.trainLabels);
  const itemShape = trainImages.dims.slice(1);
  let test: { images: IdxArray; labels: IdxArray } | undefined;
  if (paths.testImages !== undefined && paths.testLabels !== undefined) {
    onProgress(0.5, `Reading ${shortName(paths.testImages)}`);
    const [images, labels] = await Promise.all([readIdx(paths.testImages), readIdx(paths.testLabels)]);
    checkPair(images, labels, paths.testImages, paths.testLabels);
    const testShape = images.dims.slice(1);
    if (testShape.join('×') !== itemShape.join('×')) {
      throw new DatasetError(
        `${shortName(paths.testImages)} holds images of ${testShape.join('×')} but the training images are ${itemShape.join('×')}; both sets must have the same size.`,
        { file: paths.testImages },
      );
    }
    test = { images, labels };
  }
  const numClasses = Math.max(maxLabel(trainLabels), maxLabel(test?.labels)) + 1;
  const info = infoFor(paths, itemShape, numClasses, trainImages.totalItems, test?.images.totalItems ?? 0);
  onProgress(1, `Loaded ${info.title}`);
  return {
    info,
    xTrain: pixels(trainImages),
    yTrain: Float32Array.from(trainLabels.data),
    xTest: test ? pixels(test.images) : new Float32Array(0),
    yTest: test ? Float32Array.from(test.labels.data) : new Float32Array(0),
  };
}

/** Headers and labels only (labels are small); images are not decoded. */
export async function describeIdxDataset(paths: IdxPaths): Promise<DatasetInfo> {
  checkTestPaths(paths);
  const [images, labels, testImages, testLabels] = await Promise.all([
    readIdx(paths.trainImages, { maxItems: 0 }),
    readIdx(paths.trainLabels),
    paths.testImages === undefined ? undefined : readIdx(paths.testImages, { maxItems: 0 }),
    paths.testLabels === undefined ? undefined : readIdx(paths.testLabels),
  ]);
  const numClasses = Math.max(maxLabel(labels), maxLabel(testLabels)) + 1;
  return infoFor(paths, images.dims.slice(1), numClasses, images.totalItems, testImages?.totalItems ?? 0);
}
