/**
 * The dataset part of a generated program: `loadData(options)` for the
 * project's dataset. CSV, IDX and image-folder loaders call the app's own
 * data modules (their `uses`), which the export carries along (modules.ts);
 * the generated sets are written out in full.
 */
import type { DatasetRef } from '../../document/schema.ts';
import { cifar10Description, cifar10Source } from './cifar10.ts';
import type { DataSnippet } from './common.ts';
import { csvDescription, csvSource } from './csv.ts';
import { generatedDescription, generatedSource } from './generated.ts';
import { imagesDescription, imagesSource } from './images.ts';
import { builtinDescription, builtinSource, idxSource } from './idx.ts';

export { DATASET_TYPES, type DataSnippet } from './common.ts';

const NO_DATASET: DataSnippet = {
  code: `/** The project has no dataset yet: write a loader here, or choose a dataset in Netwright and export again. */
async function loadData(_options: Options): Promise<Dataset> {
  throw new Error('this project has no dataset: choose one in Netwright and export again, or write loadData()');
}`,
};

/** A phrase for the program's header comment, e.g. `MNIST (first 5,000 training images)`. */
export function describeDataset(dataset: DatasetRef | null): string {
  if (!dataset) return 'no dataset yet (write loadData() or choose one in Netwright)';
  switch (dataset.kind) {
    case 'builtin':
      return builtinDescription(dataset);
    case 'generated':
      return generatedDescription(dataset);
    case 'csv':
      return csvDescription(dataset);
    case 'idx':
      return `the IDX files ${dataset.trainImages} and ${dataset.trainLabels}`;
    case 'images':
      return imagesDescription(dataset);
    case 'cifar10':
      return cifar10Description(dataset);
    default:
      throw new Error(`unknown dataset kind ${(dataset as { kind: string }).kind}`);
  }
}

/** `seed` shuffles CSV rows and image files before the train/test split. */
export function dataSource(dataset: DatasetRef | null, seed: number): DataSnippet {
  if (!dataset) return NO_DATASET;
  switch (dataset.kind) {
    case 'builtin':
      return builtinSource(dataset);
    case 'generated':
      return generatedSource(dataset);
    case 'csv':
      return csvSource(dataset, seed);
    case 'idx':
      return idxSource(dataset);
    case 'images':
      return imagesSource(dataset, seed);
    case 'cifar10':
      return cifar10Source(dataset);
    default:
      throw new Error(`unknown dataset kind ${(dataset as { kind: string }).kind}`);
  }
}
