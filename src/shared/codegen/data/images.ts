/** Source for image-folder datasets: one sub-folder per class, PNG and JPEG files. */
import type { DatasetRef } from '../../document/schema.ts';
import { constant, literal } from '../literal.ts';
import { NODE_IMPORTS, type Snippet } from '../snippet.ts';
import { SEEDED_RANDOM, SEEDED_SHUFFLE, TO_SPLIT } from './common.ts';

type ImagesRef = Extract<DatasetRef, { kind: 'images' }>;

const DECODERS = `interface Picture {
  readonly width: number;
  readonly height: number;
  /** RGBA bytes, row by row. */
  readonly data: Uint8Array;
}

type Decoder = (bytes: Buffer) => Picture;

/** pngjs and jpeg-js are loaded only here, so that projects without image folders do not need them. */
async function imageDecoders(): Promise<Record<string, Decoder>> {
  const load = async <T>(name: string): Promise<T> => {
    try {
      const mod = (await import(name)) as T & { default?: T };
      return mod.default ?? mod;
    } catch {
      throw new Error(\`reading image folders needs the \${name} package: run \\\`npm install pngjs jpeg-js\\\`\`);
    }
  };
  const { PNG } = await load<{ PNG: { sync: { read(bytes: Buffer): Picture } } }>('pngjs');
  const jpeg = await load<{ decode(bytes: Buffer, options: { useTArray: true; formatAsRGBA: true }): Picture }>('jpeg-js');
  const png: Decoder = (bytes) => PNG.sync.read(bytes);
  const jpg: Decoder = (bytes) => jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { '.png': png, '.jpg': jpg, '.jpeg': jpg };
}

/** Nearest-pixel resize to the project's size, as gray (one value) or RGB (three), scaled to 0–1. */
function pixels(picture: Picture): number[] {
  const out: number[] = [];
  for (let y = 0; y < DATASET.height; y++) {
    for (let x = 0; x < DATASET.width; x++) {
      const sx = Math.floor((x * picture.width) / DATASET.width);
      const sy = Math.floor((y * picture.height) / DATASET.height);
      const [r, g, b] = picture.data.subarray((sy * picture.width + sx) * 4);
      if (DATASET.grayscale) out.push((0.299 * r + 0.587 * g + 0.114 * b) / 255);
      else out.push(r / 255, g / 255, b / 255);
    }
  }
  return out;
}`;

export function imagesDescription(ref: ImagesRef): string {
  return `the image folder ${ref.folder} (${ref.width}×${ref.height}, ${ref.grayscale ? 'grayscale' : 'RGB'})`;
}

export function imagesSource(ref: ImagesRef, seed: number): Snippet {
  const settings = { folder: ref.folder, width: ref.width, height: ref.height, grayscale: ref.grayscale, testRatio: ref.testRatio, seed };
  const code = `${TO_SPLIT.code}

${SEEDED_RANDOM.code}

${SEEDED_SHUFFLE.code}

/** The image folder chosen in the project (relative to --data-dir or the working directory) and the size images are scaled to. */
${constant('DATASET', settings)}

${DECODERS}

/** One class per sub-folder (sorted by name); the samples are shuffled with the seed and the last testRatio of them test. */
async function loadData(options: Options): Promise<Dataset> {
  const root = path.resolve(options.dataDir ?? '.', DATASET.folder);
  const decoders = await imageDecoders();
  const classes = fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  if (classes.length === 0) throw new Error(\`\${root}: expected one sub-folder of images per class, found none\`);
  const files = classes.flatMap((name, label) =>
    fs.readdirSync(path.join(root, name))
      .filter((file) => path.extname(file).toLowerCase() in decoders)
      .map((file) => ({ file: path.join(root, name, file), label })),
  );
  const samples = shuffledIndices(files.length, seededRandom(DATASET.seed)).map((k) => files[k]);
  const inputs = samples.map(({ file }) => {
    try {
      return pixels(decoders[path.extname(file).toLowerCase()](fs.readFileSync(file)));
    } catch (err) {
      throw new Error(\`\${file}: cannot read the image (\${(err as Error).message})\`);
    }
  });
  const targets = samples.map(({ label }) => [label]);
  const trainCount = samples.length - Math.round(samples.length * DATASET.testRatio);
  console.log(\`Classes: \${classes.join(', ')} (\${samples.length} images)\`);
  return {
    title: ${literal(imagesDescription(ref))},
    train: toSplit(inputs, targets, 0, trainCount),
    test: toSplit(inputs, targets, trainCount, samples.length),
    targetSize: 1,
  };
}`;
  return { imports: [NODE_IMPORTS.fs, NODE_IMPORTS.path], code };
}
