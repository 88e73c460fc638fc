/**
 * The app's own data modules that exported programs carry: CSV parsing and
 * column typing, IDX and CIFAR-10 decoding, image decoding and the one area-average
 * resizer, the size limits they refuse crafted files by, the seeded random
 * source and a run's row order (hold-out and batches), and what they import.
 * An export copies their source text (a project gets them as files under
 * src/netwright/, the single-file program inlines them), so an exported
 * program reads data with the very code the app trains with.
 *
 * These files may import only each other (relatively), Node built-ins other
 * than the file system, pngjs and jpeg-js; file access stays in the app's
 * thin wrappers (csv.ts, idx-file.ts, images.ts, cifar10-folder.ts) and in the export's data.ts.
 * Their top-level names must differ from each other's, since the
 * single-file program puts them side by side (modules.test.ts checks both).
 */

/** Paths from the repository root, each module after the ones it imports. */
export const DATA_MODULE_FILES = [
  'src/shared/protocol/datasets.ts',
  'src/shared/datasets/random.ts',
  'src/shared/run/order.ts',
  'src/shared/datasets/resize-area.ts',
  'src/main/services/datasets/dataset-error.ts',
  'src/main/services/datasets/dataset-limits.ts',
  'src/main/services/datasets/progress.ts',
  'src/main/services/datasets/running-stats.ts',
  'src/main/services/datasets/csv-parse.ts',
  'src/main/services/datasets/csv-table.ts',
  'src/main/services/datasets/csv-encode.ts',
  'src/main/services/datasets/idx.ts',
  'src/main/services/datasets/idx-set.ts',
  'src/main/services/datasets/image-decode.ts',
  'src/main/services/datasets/resize.ts',
  'src/main/services/datasets/image-folder.ts',
  'src/main/services/datasets/cifar10.ts',
] as const;

export type DataModuleFile = (typeof DATA_MODULE_FILES)[number];

/** The modules' source text by path, as the host read or embedded it. */
export type DataModuleSources = Readonly<Record<string, string>>;
