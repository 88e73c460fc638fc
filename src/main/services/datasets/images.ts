/**
 * Image-folder datasets: `folder/<class name>/<picture>.png|jpg`. Every
 * picture is resized to the configured width × height, so photos of mixed
 * sizes can be used as they are. Each class is split into training and test
 * pictures on its own, so a small class still appears in both.
 */
import type { Dirent } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { DatasetRef } from '../../../shared/document/schema.ts';
import type { DatasetInfo, LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { createRandom, shuffledIndices } from '../../../shared/datasets/random.ts';
import { DatasetError, count, fileError } from './errors.ts';
import { IMAGE_EXTENSIONS, decodeImage } from './image-decode.ts';
import { type ProgressFn, noProgress } from './progress.ts';
import { resizeInto } from './resize.ts';

export type ImagesRef = Extract<DatasetRef, { kind: 'images' }>;

interface Picture {
  /** Shown in messages, e.g. "cats/tabby.png". */
  readonly label: string;
  readonly path: string;
  readonly classIndex: number;
}

/** How many files are read at once: enough to hide disk latency, few enough to bound memory. */
const PARALLEL_READS = 8;

function visible(name: string): boolean {
  return !name.startsWith('.');
}

async function entries(folder: string): Promise<Dirent[]> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (e) {
    throw fileError(folder, e, 'folder');
  }
}

/** Class folders in name order (the class indices), each with its pictures in name order. */
async function listPictures(folder: string): Promise<{ classNames: string[]; byClass: Picture[][] }> {
  const classNames = (await entries(folder))
    .filter((d) => d.isDirectory() && visible(d.name))
    .map((d) => d.name)
    .sort();
  if (classNames.length < 2) {
    const found = classNames.length === 0 ? 'it has none' : `it has only "${classNames[0]}"`;
    throw new DatasetError(`${folder} needs one sub-folder of pictures per class, at least two; ${found}.`, { file: folder });
  }
  const byClass = await Promise.all(
    classNames.map(async (cls, classIndex) => {
      const files = (await entries(join(folder, cls))).filter((d) => d.isFile() && visible(d.name)).map((d) => d.name).sort();
      const pictures = files.filter((f) => IMAGE_EXTENSIONS.includes(extname(f).toLowerCase()));
      if (pictures.length === 0) {
        const other =
          files.length === 0 ? 'it is empty'
          : files.length === 1 ? `it holds only "${files[0]}"`
          : `it holds ${count(files.length)} other files such as "${files[0]}"`;
        throw new DatasetError(`The class folder "${cls}" has no PNG or JPEG pictures: ${other}.`, { file: join(folder, cls) });
      }
      return pictures.map((f) => ({ label: `${cls}/${f}`, path: join(folder, cls, f), classIndex }));
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

function imagesInfo(ref: ImagesRef, classNames: readonly string[], trainCount: number, testCount: number): DatasetInfo {
  return {
    title: `${classNames.length} classes of pictures (${count(trainCount)} training, ${count(testCount)} test)`,
    task: 'classification',
    inputShape: [ref.height, ref.width, ref.grayscale ? 1 : 3],
    numClasses: classNames.length,
    classNames,
    targetSize: 1,
    trainCount,
    testCount,
    isImage: true,
  };
}

export interface ImagesLoadOptions {
  /** The ref's folder resolved by the caller. */
  readonly folder: string;
  readonly seed: number;
  readonly onProgress?: ProgressFn;
}

export async function loadImages(ref: ImagesRef, options: ImagesLoadOptions): Promise<LoadedDataset> {
  const onProgress = options.onProgress ?? noProgress;
  const { classNames, byClass } = await listPictures(options.folder);
  const { train, test } = split(byClass, ref.testRatio, options.seed);
  const channels = ref.grayscale ? 1 : 3;
  const size = ref.width * ref.height * channels;
  const all = [...train, ...test];
  const xs = [new Float32Array(train.length * size), new Float32Array(test.length * size)];

  let done = 0;
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < all.length && !failed) {
      const i = next++;
      const picture = all[i];
      let bytes: Uint8Array;
      try {
        bytes = await readFile(picture.path);
      } catch (e) {
        throw fileError(picture.label, e);
      }
      const inTrain = i < train.length;
      resizeInto(decodeImage(bytes, picture.label), ref.width, ref.height, channels, xs[inTrain ? 0 : 1], (inTrain ? i : i - train.length) * size);
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

  const info = imagesInfo(ref, classNames, train.length, test.length);
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
export async function describeImages(ref: ImagesRef, folder: string): Promise<DatasetInfo> {
  const { classNames, byClass } = await listPictures(folder);
  let testCount = 0;
  let total = 0;
  for (const pictures of byClass) {
    total += pictures.length;
    testCount += testShare(pictures.length, ref.testRatio);
  }
  return imagesInfo(ref, classNames, total - testCount, testCount);
}
