/**
 * IDX arrays to a dataset: an images file and a labels file for training,
 * optionally the same pair for testing. Unsigned-byte pixels are scaled to
 * 0–1; other value types are used as they are. No file access, so that an
 * exported project builds its dataset with this same code.
 */
import type { DatasetInfo, LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { DatasetError, count } from './dataset-error.ts';
import type { IdxArray } from './idx.ts';

/** One decoded file: `path` as the user knows it (for the error's file), `name` as messages show it. */
export interface IdxFile {
  readonly path: string;
  readonly name: string;
  readonly array: IdxArray;
}

/** The files of an IDX dataset; the test pair is optional (both or neither). */
export interface IdxFiles<T> {
  readonly trainImages: T;
  readonly trainLabels: T;
  readonly testImages?: T;
  readonly testLabels?: T;
}

const LABEL_TYPES = new Set(['ubyte', 'byte', 'short', 'int']);

/**
 * A file whose header declares no items (or items of no values) would make a
 * set of no classes, which only fails later as a model of 0 output units.
 */
function checkHasItems(file: IdxFile, what: 'images' | 'labels'): void {
  const { dims } = file.array;
  const shape = [file.array.totalItems, ...dims.slice(1)].join('×');
  if (file.array.totalItems === 0) {
    throw new DatasetError(`${file.name} holds no ${what}: its header declares ${shape}, 0 items; choose a file that has ${what} in it.`, { file: file.path });
  }
  if (dims.slice(1).some((d) => d === 0)) {
    throw new DatasetError(`${file.name} holds ${what} of no values: its header declares ${shape}; choose a file whose ${what} have a size.`, { file: file.path });
  }
}

function checkPair(images: IdxFile, labels: IdxFile): void {
  checkHasItems(images, 'images');
  checkHasItems(labels, 'labels');
  if (images.array.dims.length < 2) {
    throw new DatasetError(`${images.name} holds a plain list of ${count(images.array.totalItems)} values, not images: an images file has at least two dimensions (count × size).`, { file: images.path });
  }
  const labelShape = labels.array.dims.slice(1);
  if (!LABEL_TYPES.has(labels.array.dtype) || labelShape.some((d) => d !== 1)) {
    const shape = [labels.array.totalItems, ...labelShape].join('×');
    throw new DatasetError(`${labels.name} is not a labels file: it holds ${labels.array.dtype} values shaped ${shape}, where labels are one whole number per image.`, { file: labels.path });
  }
  if (images.array.totalItems !== labels.array.totalItems) {
    throw new DatasetError(
      `${images.name} holds ${count(images.array.totalItems)} images but ${labels.name} holds ${count(labels.array.totalItems)} labels; they must match one to one. Are they from the same set?`,
      { file: labels.path },
    );
  }
  const data = labels.array.data;
  for (let i = 0; i < data.length; i++) {
    if (data[i] < 0) throw new DatasetError(`${labels.name}: label ${i} is ${data[i]}; class labels must be 0 or more.`, { file: labels.path });
  }
}

/** Unsigned bytes scaled to 0–1 (the MNIST convention); other value types as they are. */
export function idxPixels(images: IdxArray): Float32Array {
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

/** The names of a test images file without labels (or the other way round) must not get past here. */
export function checkTestFiles<T>(files: IdxFiles<T>): void {
  if ((files.testImages === undefined) !== (files.testLabels === undefined)) {
    const [given, missing] = files.testImages === undefined ? ['labels', 'images'] : ['images', 'labels'];
    throw new DatasetError(`The IDX dataset names a test ${given} file but no test ${missing} file; give both or neither.`);
  }
}

/**
 * What the set holds: shape, classes (0 … the largest label) and counts.
 * Images may have been read with no items (only their header), labels whole.
 */
export function idxInfo(files: IdxFiles<IdxFile>): DatasetInfo {
  checkHasItems(files.trainImages, 'images');
  checkHasItems(files.trainLabels, 'labels');
  const itemShape = files.trainImages.array.dims.slice(1);
  const numClasses = Math.max(maxLabel(files.trainLabels.array), maxLabel(files.testLabels?.array)) + 1;
  const trainCount = files.trainImages.array.totalItems;
  const testCount = files.testImages?.array.totalItems ?? 0;
  const last = itemShape[itemShape.length - 1];
  return {
    title: `${files.trainImages.name} (${count(trainCount)} training, ${count(testCount)} test images)`,
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

/** Checks the files against each other and turns them into training arrays. */
export function idxDataset(files: IdxFiles<IdxFile>): LoadedDataset {
  checkTestFiles(files);
  checkPair(files.trainImages, files.trainLabels);
  const { testImages, testLabels } = files;
  const test = testImages && testLabels ? { images: testImages, labels: testLabels } : undefined;
  if (test) {
    checkPair(test.images, test.labels);
    const trainShape = files.trainImages.array.dims.slice(1).join('×');
    const testShape = test.images.array.dims.slice(1).join('×');
    if (testShape !== trainShape) {
      throw new DatasetError(`${test.images.name} holds images of ${testShape} but the training images are ${trainShape}; both sets must have the same size.`, { file: test.images.path });
    }
  }
  return {
    info: idxInfo(files),
    xTrain: idxPixels(files.trainImages.array),
    yTrain: Float32Array.from(files.trainLabels.array.data),
    xTest: test ? idxPixels(test.images.array) : new Float32Array(0),
    yTest: test ? Float32Array.from(test.labels.array.data) : new Float32Array(0),
  };
}
