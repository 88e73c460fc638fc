/**
 * Image-folder datasets: `folder/<class name>/<picture>.png|jpg`. Every
 * picture is resized to the configured width × height, so photos of mixed
 * sizes can be used as they are. Each class is split into training and test
 * pictures on its own, so a small class still appears in both.
 *
 * Files are reached through a PictureFolder, so that the app (images.ts) and
 * an exported project run the same listing, split, decoding and resizing.
 */
import type { DatasetInfo, LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { createRandom, shuffledIndices } from '../../../shared/datasets/random.ts';
import { DatasetError, count } from './dataset-error.ts';
import { MAX_DATASET_VALUES } from './dataset-limits.ts';
import { IMAGE_EXTENSIONS, decodeImage } from './image-decode.ts';
import { type ProgressFn, noProgress } from './progress.ts';
import { resizeInto } from './resize.ts';

/** The image-folder reference's fields that shape the data (the folder itself is the PictureFolder). */
export interface ImageSettings {
  readonly width: number;
  readonly height: number;
  /** One channel (luminance) instead of three. */
  readonly grayscale: boolean;
  /** Share of each class held out for testing, after a seeded shuffle. */
  readonly testRatio: number;
}

/** What a folder listing gives (Node's Dirent fits). */
export interface FolderEntry {
  readonly name: string;
  isDirectory(): boolean;
  isFile(): boolean;
}

/** The dataset folder; `parts` are names below it, e.g. ["cats", "tabby.png"]. */
export interface PictureFolder {
  /** How messages name the folder or file at `parts`, e.g. an absolute path. */
  pathOf(parts: readonly string[]): string;
  list(parts: readonly string[]): Promise<readonly FolderEntry[]>;
  read(parts: readonly string[]): Promise<Uint8Array>;
}

interface Picture {
  /** Names below the dataset folder: class folder, file. */
  readonly parts: readonly [string, string];
  readonly classIndex: number;
}

/** Shown in messages, e.g. "cats/tabby.png". */
export function pictureLabel(parts: readonly string[]): string {
  return parts.join('/');
}

/** How many files are read at once: enough to hide disk latency, few enough to bound memory. */
const PARALLEL_READS = 8;

function visible(name: string): boolean {
  return !name.startsWith('.');
}

/** ".png" for "a.PNG"; "" without an extension (as Node's extname). */
function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Class folders in name order (the class indices), each with its pictures in name order. */
async function listPictures(folder: PictureFolder): Promise<{ classNames: string[]; byClass: Picture[][] }> {
  const classNames = (await folder.list([]))
    .filter((d) => d.isDirectory() && visible(d.name))
    .map((d) => d.name)
    .sort();
  if (classNames.length < 2) {
    const found = classNames.length === 0 ? 'it has none' : `it has only "${classNames[0]}"`;
    throw new DatasetError(`${folder.pathOf([])} needs one sub-folder of pictures per class, at least two; ${found}.`, { file: folder.pathOf([]) });
  }
  const byClass = await Promise.all(
    classNames.map(async (cls, classIndex) => {
      const files = (await folder.list([cls])).filter((d) => d.isFile() && visible(d.name)).map((d) => d.name).sort();
      const pictures = files.filter((f) => IMAGE_EXTENSIONS.includes(extension(f)));
      if (pictures.length === 0) {
        const other =
          files.length === 0 ? 'it is empty'
          : files.length === 1 ? `it holds only "${files[0]}"`
          : `it holds ${count(files.length)} other files such as "${files[0]}"`;
        throw new DatasetError(`The class folder "${cls}" has no PNG or JPEG pictures: ${other}.`, { file: folder.pathOf([cls]) });
      }
      return pictures.map((f): Picture => ({ parts: [cls, f], classIndex }));
    }),
  );
  return { classNames, byClass };
}

/** Test pictures of a class of n: the share asked for, but never the last training picture. */
function testShare(n: number, testRatio: number): number {
  return Math.min(n - 1, Math.round(n * testRatio));
}

/** Per class, a seeded shuffle and a split that leaves at least one training picture; then both sets are shuffled together. */
function split(byClass: Picture[][], testRatio: number, seed: number): { train: Picture[]; test: Picture[] } {
  const random = createRandom(seed);
  const train: Picture[] = [];
  const test: Picture[] = [];
  for (const pictures of byClass) {
    const order = shuffledIndices(pictures.length, random);
    const nTest = testShare(pictures.length, testRatio);
    order.forEach((p, i) => (i < nTest ? test : train).push(pictures[p]));
  }
  const mix = (list: Picture[]): Picture[] => Array.from(shuffledIndices(list.length, random), (i) => list[i]);
  return { train: mix(train), test: mix(test) };
}

function imagesInfo(settings: ImageSettings, classNames: readonly string[], trainCount: number, testCount: number): DatasetInfo {
  return {
    title: `${classNames.length} classes of pictures (${count(trainCount)} training, ${count(testCount)} test)`,
    task: 'classification',
    inputShape: [settings.height, settings.width, settings.grayscale ? 1 : 3],
    numClasses: classNames.length,
    classNames,
    targetSize: 1,
    trainCount,
    testCount,
    isImage: true,
  };
}

export async function loadImageFolder(folder: PictureFolder, settings: ImageSettings, seed: number, onProgress: ProgressFn = noProgress): Promise<LoadedDataset> {
  const { classNames, byClass } = await listPictures(folder);
  const { train, test } = split(byClass, settings.testRatio, seed);
  const channels = settings.grayscale ? 1 : 3;
  const size = settings.width * settings.height * channels;
  const all = [...train, ...test];
  if (all.length * size > MAX_DATASET_VALUES) {
    throw new DatasetError(
      `${folder.pathOf([])}: ${count(all.length)} pictures of ${settings.width} × ${settings.height} × ${channels} are ${count(all.length * size)} values, more than the ${count(MAX_DATASET_VALUES)} a dataset may hold; use a smaller picture size or fewer pictures.`,
      { file: folder.pathOf([]) },
    );
  }
  const xs = [new Float32Array(train.length * size), new Float32Array(test.length * size)];

  let done = 0;
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < all.length && !failed) {
      const i = next++;
      const picture = all[i];
      const bytes = await folder.read(picture.parts);
      const inTrain = i < train.length;
      const img = decodeImage(bytes, pictureLabel(picture.parts));
      resizeInto(img, settings.width, settings.height, channels, xs[inTrain ? 0 : 1], (inTrain ? i : i - train.length) * size);
      done++;
      if (done % 64 === 0) onProgress(done / all.length, `Decoded ${count(done)} of ${count(all.length)} pictures`);
    }
  };
  const guarded = (): Promise<void> =>
    worker().catch((e: unknown) => {
      failed = true; // the other workers stop at their next picture instead of decoding the rest for nothing
      throw e;
    });
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, all.length) }, guarded));

  const info = imagesInfo(settings, classNames, train.length, test.length);
  onProgress(1, `Loaded ${info.title}`);
  return {
    info,
    xTrain: xs[0],
    yTrain: Float32Array.from(train, (p) => p.classIndex),
    xTest: xs[1],
    yTest: Float32Array.from(test, (p) => p.classIndex),
  };
}

/** Counts without decoding, for the data panel. */
export async function describeImageFolder(folder: PictureFolder, settings: ImageSettings): Promise<DatasetInfo> {
  const { classNames, byClass } = await listPictures(folder);
  let testCount = 0;
  let total = 0;
  for (const pictures of byClass) {
    total += pictures.length;
    testCount += testShare(pictures.length, settings.testRatio);
  }
  return imagesInfo(settings, classNames, total - testCount, testCount);
}
