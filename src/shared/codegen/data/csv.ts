/**
 * Source for CSV datasets: the file's text handed to the app's own reader
 * (csvDataset in csv-encode.ts), so that the delimiter, the header guess,
 * quoted line breaks, missing cells, number typing, class order, scaling and
 * the seeded split are the app's.
 */
import type { DatasetRef } from '../../document/schema.ts';
import { constant, literal } from '../literal.ts';
import { NODE_IMPORTS } from '../snippet.ts';
import { type DataSnippet, LOADED_DATASET, TO_DATASET } from './common.ts';

type CsvRef = Extract<DatasetRef, { kind: 'csv' }>;

export function csvDescription(ref: CsvRef): string {
  return `${ref.path} (predicting "${ref.target}", ${ref.task})`;
}

export function csvSource(ref: CsvRef, seed: number): DataSnippet {
  const settings = { path: ref.path, target: ref.target, ignore: ref.ignore ?? [], scaling: ref.scaling, task: ref.task, testRatio: ref.testRatio, seed };
  const code = `${TO_DATASET}

/** The CSV file chosen in the project (relative to --data-dir or the working directory), how its columns are used, and the seed of the train/test split. */
${constant('DATASET', settings, 'CsvSettings & { readonly path: string; readonly seed: number }')}

/** Reads the table as Netwright does: the same rows, numbers, classes and split. */
async function loadData(options: Options): Promise<Dataset> {
  const file = path.resolve(options.dataDir ?? '.', DATASET.path);
  const loaded = csvDataset(fs.readFileSync(file, 'utf8'), path.basename(file), DATASET, DATASET.seed);
  if (loaded.info.classNames) console.log(\`Classes: \${loaded.info.classNames.join(', ')}\`);
  return toDataset(${literal(csvDescription(ref))}, loaded);
}`;
  return {
    imports: [NODE_IMPORTS.fs, NODE_IMPORTS.path],
    code,
    uses: [LOADED_DATASET, { module: 'src/main/services/datasets/csv-encode.ts', names: ['csvDataset', 'type CsvSettings'] }],
  };
}
