/**
 * Source for CIFAR-10 read from the folder the user unpacked: the folder is
 * handed to the app's own reader (loadCifar10 in cifar10.ts), so the batch
 * order, the checks and the pixel layout are the app's.
 */
import type { DatasetRef } from '../../document/schema.ts';
import { constant, literal } from '../literal.ts';
import { NODE_IMPORTS } from '../snippet.ts';
import { type DataSnippet, LOADED_DATASET, TO_DATASET } from './common.ts';

type Cifar10Ref = Extract<DatasetRef, { kind: 'cifar10' }>;

export function cifar10Description(ref: Cifar10Ref): string {
  const subset = ref.trainSubset ? ` (first ${ref.trainSubset.toLocaleString('en-US')} training images)` : '';
  return `CIFAR-10 from the folder ${ref.folder}${subset}`;
}

export function cifar10Source(ref: Cifar10Ref): DataSnippet {
  const settings = { folder: ref.folder, trainSubset: ref.trainSubset ?? null, testSubset: ref.testSubset ?? null };
  const code = `${TO_DATASET}

/** The cifar-10-batches-bin folder chosen in the project (relative to --data-dir or the working directory) and the subsets (null = all). */
${constant('DATASET', settings)}

/** data_batch_1.bin … data_batch_5.bin and test_batch.bin, read and checked as Netwright reads them: 32×32×3 pictures in 0–1. */
async function loadData(options: Options): Promise<Dataset> {
  const root = path.resolve(options.dataDir ?? '.', DATASET.folder);
  const at = (name?: string): string => (name === undefined ? root : path.join(root, name));
  const folder: CifarFolder = {
    pathOf: at,
    list: async () => {
      if (!fs.existsSync(root)) throw new Error(\`\${root} does not exist: pass --data-dir, or unpack cifar-10-batches-bin there\`);
      return fs.readdirSync(root);
    },
    size: async (name) => fs.statSync(at(name)).size,
    read: async (name, bytes) => {
      const data = new Uint8Array(bytes);
      const file = fs.openSync(at(name), 'r');
      try {
        let done = 0;
        while (done < bytes) {
          const read = fs.readSync(file, data, done, bytes - done, done);
          if (read === 0) break;
          done += read;
        }
        return data.subarray(0, done);
      } finally {
        fs.closeSync(file);
      }
    },
    readText: async (name) => (fs.existsSync(at(name)) ? fs.readFileSync(at(name), 'utf8') : null),
  };
  const trainLimit = Math.min(options.limit ?? Infinity, DATASET.trainSubset ?? Infinity);
  const loaded = await loadCifar10(folder, { trainSubset: trainLimit, testSubset: DATASET.testSubset ?? undefined });
  console.log(\`Classes: \${(loaded.info.classNames ?? []).join(', ')}\`);
  return toDataset(${literal(cifar10Description(ref))}, loaded);
}`;
  return {
    imports: [NODE_IMPORTS.fs, NODE_IMPORTS.path],
    code,
    uses: [LOADED_DATASET, { module: 'src/main/services/datasets/cifar10.ts', names: ['loadCifar10', 'type CifarFolder'] }],
  };
}
