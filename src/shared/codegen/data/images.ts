/**
 * Source for image-folder datasets: the folder handed to the app's own loader
 * (loadImageFolder in image-folder.ts), so that the class order, the seeded
 * split, decoding and the area-average resize are the app's.
 */
import type { DatasetRef } from '../../document/schema.ts';
import { constant, literal } from '../literal.ts';
import { NODE_IMPORTS } from '../snippet.ts';
import { type DataSnippet, LOADED_DATASET, TO_DATASET } from './common.ts';

type ImagesRef = Extract<DatasetRef, { kind: 'images' }>;

export function imagesDescription(ref: ImagesRef): string {
  return `the image folder ${ref.folder} (${ref.width}×${ref.height}, ${ref.grayscale ? 'grayscale' : 'RGB'})`;
}

export function imagesSource(ref: ImagesRef, seed: number): DataSnippet {
  const settings = { folder: ref.folder, width: ref.width, height: ref.height, grayscale: ref.grayscale, testRatio: ref.testRatio, seed };
  const code = `${TO_DATASET}

/** The image folder chosen in the project (relative to --data-dir or the working directory), the size pictures are scaled to, and the seed of the split. */
${constant('DATASET', settings, 'ImageSettings & { readonly folder: string; readonly seed: number }')}

/** One class per sub-folder (in name order), each split into training and test pictures with the seed, as in Netwright. */
async function loadData(options: Options): Promise<Dataset> {
  const root = path.resolve(options.dataDir ?? '.', DATASET.folder);
  const at = (parts: readonly string[]): string => path.join(root, ...parts);
  const folder: PictureFolder = {
    pathOf: at,
    list: async (parts) => fs.readdirSync(at(parts), { withFileTypes: true }),
    read: async (parts) => fs.readFileSync(at(parts)),
  };
  const loaded = await loadImageFolder(folder, DATASET, DATASET.seed);
  console.log(\`Classes: \${(loaded.info.classNames ?? []).join(', ')} (\${loaded.info.trainCount + loaded.info.testCount} images)\`);
  return toDataset(${literal(imagesDescription(ref))}, loaded);
}`;
  return {
    imports: [NODE_IMPORTS.fs, NODE_IMPORTS.path],
    code,
    uses: [LOADED_DATASET, { module: 'src/main/services/datasets/image-folder.ts', names: ['loadImageFolder', 'type ImageSettings', 'type PictureFolder'] }],
  };
}
