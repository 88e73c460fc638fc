/**
 * CIFAR-10 in its official binary layout (the cifar-10-batches-bin folder of
 * cifar-10-binary.tar.gz): data_batch_1.bin … data_batch_5.bin for training,
 * test_batch.bin for testing, each a plain run of 3,073-byte records (one
 * label byte 0–9, then the 32×32 red plane, the green plane and the blue
 * plane, each row by row), and batches.meta.txt with one class name a line.
 *
 * The set cannot ship with Netwright, so the user points at the folder they
 * unpacked. Pictures become 32×32×3 floats in 0–1, height × width × channel
 * like every image set of the app. Files are reached through a CifarFolder,
 * so that the app (cifar10-folder.ts) and an exported program read the same
 * files with this same code; nothing here touches the file system.
 */
import type { DatasetInfo, LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { DatasetError, count } from './dataset-error.ts';
import { MAX_DATASET_VALUES } from './dataset-limits.ts';
import { type ProgressFn, noProgress } from './progress.ts';

/** Side of a CIFAR-10 picture in pixels. */
export const CIFAR_SIDE = 32;
/** Values of one picture: 32 × 32 pixels × 3 channels. */
export const CIFAR_VALUES = CIFAR_SIDE * CIFAR_SIDE * 3;
/** Bytes of one record: the label byte, then the picture. */
export const CIFAR_RECORD_BYTES = 1 + CIFAR_VALUES;
export const CIFAR_TRAIN_FILES: readonly string[] = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
export const CIFAR_TEST_FILE = 'test_batch.bin';
export const CIFAR_META_FILE = 'batches.meta.txt';
/** The classes in label order, as batches.meta.txt of the official archive lists them. */
export const CIFAR_CLASS_NAMES: readonly string[] = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
/** The folder's name in the official archive, for messages that tell the user what to choose. */
export const CIFAR_FOLDER_NAME = 'cifar-10-batches-bin';

/** The reference's fields that choose what is read (the folder itself is the CifarFolder). */
export interface CifarSettings {
  /** Read only the first N training pictures, batch after batch. */
  readonly trainSubset?: number;
  /** Read only the first N test pictures. */
  readonly testSubset?: number;
}

/** The dataset folder as this reader needs it. */
export interface CifarFolder {
  /** How messages name the folder (no name) or a file in it (an absolute path, say). */
  pathOf(name?: string): string;
  /** Names of the folder's entries; rejects with a DatasetError when the folder cannot be read. */
  list(): Promise<readonly string[]>;
  size(name: string): Promise<number>;
  /** The first `bytes` bytes of the file. */
  read(name: string, bytes: number): Promise<Uint8Array>;
  /** The file's text, or null when there is no such file. */
  readText(name: string): Promise<string | null>;
}

/** One batch file and how many records it holds. */
interface CifarBatch {
  readonly name: string;
  readonly records: number;
}

interface CifarLayout {
  readonly train: readonly CifarBatch[];
  readonly test: CifarBatch | null;
  readonly classNames: readonly string[];
  /** True when batches.meta.txt was missing and the standard names are used. */
  readonly standardNames: boolean;
}

const CIFAR_EXPECTED = `${CIFAR_TRAIN_FILES[0]} … ${CIFAR_TRAIN_FILES[CIFAR_TRAIN_FILES.length - 1]}, ${CIFAR_TEST_FILE} and ${CIFAR_META_FILE}`;

/** Records in a batch file of `size` bytes; a size that is no whole number of records is refused. */
export function cifarRecordCount(name: string, size: number, path = name): number {
  if (size === 0) throw new DatasetError(`${name} is empty; a CIFAR-10 batch holds ${count(CIFAR_RECORD_BYTES)}-byte records. Unpack the archive again.`, { file: path });
  if (size % CIFAR_RECORD_BYTES !== 0) {
    throw new DatasetError(
      `${name} is ${count(size)} bytes, not a whole number of ${count(CIFAR_RECORD_BYTES)}-byte CIFAR-10 records (1 label byte and 3,072 pixel bytes each); the file is cut short or is not from ${CIFAR_FOLDER_NAME}.`,
      { file: path },
    );
  }
  return size / CIFAR_RECORD_BYTES;
}

/**
 * Decodes `records` records of `bytes` into `x` (32×32×3 floats in 0–1,
 * height × width × channel) and `y` (labels), starting at picture `at`.
 */
export function decodeCifarRecords(bytes: Uint8Array, name: string, records: number, x: Float32Array, y: Float32Array, at: number, path = name): void {
  const planes = CIFAR_SIDE * CIFAR_SIDE;
  for (let r = 0; r < records; r++) {
    const start = r * CIFAR_RECORD_BYTES;
    const label = bytes[start];
    if (label > 9) {
      throw new DatasetError(`${name}: picture ${count(r + 1)} has label ${label}, but CIFAR-10 labels are 0–9; this is not a CIFAR-10 batch file.`, { file: path });
    }
    y[at + r] = label;
    const out = (at + r) * CIFAR_VALUES;
    for (let p = 0; p < planes; p++) {
      for (let c = 0; c < 3; c++) x[out + p * 3 + c] = bytes[start + 1 + c * planes + p] / 255;
    }
  }
}

/** The class names of batches.meta.txt (blank lines ignored); its absence gives the standard names. */
export function cifarClassNames(text: string | null, path = CIFAR_META_FILE): { readonly names: readonly string[]; readonly standard: boolean } {
  if (text === null) return { names: CIFAR_CLASS_NAMES, standard: true };
  const names = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (names.length !== CIFAR_CLASS_NAMES.length) {
    throw new DatasetError(
      `${CIFAR_META_FILE} lists ${count(names.length)} class names where CIFAR-10 has 10, one a line; unpack it again from the archive, or delete it to use the standard names (${CIFAR_CLASS_NAMES.join(', ')}).`,
      { file: path },
    );
  }
  return { names, standard: false };
}

/** Says what the folder holds instead, when it holds no binary batches. */
function cifarFolderHint(entries: ReadonlySet<string>): string {
  if (entries.has(CIFAR_FOLDER_NAME)) return ` It holds a ${CIFAR_FOLDER_NAME} folder: choose that folder instead.`;
  if (entries.has('data_batch_1') || entries.has('batches.meta')) {
    return ` It holds the Python version of CIFAR-10; download the binary version (cifar-10-binary.tar.gz) and choose its ${CIFAR_FOLDER_NAME} folder.`;
  }
  return '';
}

async function cifarBatchOf(folder: CifarFolder, name: string): Promise<CifarBatch> {
  return { name, records: cifarRecordCount(name, await folder.size(name), folder.pathOf(name)) };
}

/** Which batch files are there, how many records each holds, and the class names. */
async function cifarLayout(folder: CifarFolder): Promise<CifarLayout> {
  const entries = new Set(await folder.list());
  const trainNames = CIFAR_TRAIN_FILES.filter((name) => entries.has(name));
  if (trainNames.length === 0) {
    throw new DatasetError(
      `${folder.pathOf()} holds no CIFAR-10 training batches: expected ${CIFAR_EXPECTED}, as unpacked from the binary version (${CIFAR_FOLDER_NAME}).${cifarFolderHint(entries)}`,
      { file: folder.pathOf() },
    );
  }
  const train = await Promise.all(trainNames.map((name) => cifarBatchOf(folder, name)));
  const test = entries.has(CIFAR_TEST_FILE) ? await cifarBatchOf(folder, CIFAR_TEST_FILE) : null;
  const meta = cifarClassNames(entries.has(CIFAR_META_FILE) ? await folder.readText(CIFAR_META_FILE) : null, folder.pathOf(CIFAR_META_FILE));
  return { train, test, classNames: meta.names, standardNames: meta.standard };
}

function cifarCounts(layout: CifarLayout, settings: CifarSettings): { readonly train: number; readonly test: number } {
  const train = layout.train.reduce((sum, batch) => sum + batch.records, 0);
  const test = layout.test?.records ?? 0;
  return { train: Math.min(train, settings.trainSubset ?? Infinity), test: Math.min(test, settings.testSubset ?? Infinity) };
}

function cifarInfo(layout: CifarLayout, settings: CifarSettings): DatasetInfo {
  const { train, test } = cifarCounts(layout, settings);
  const names = layout.standardNames ? `; no ${CIFAR_META_FILE}, standard class names` : '';
  return {
    title: `CIFAR-10 (${count(train)} training, ${count(test)} test images${names})`,
    task: 'classification',
    inputShape: [CIFAR_SIDE, CIFAR_SIDE, 3],
    numClasses: layout.classNames.length,
    classNames: layout.classNames,
    targetSize: 1,
    trainCount: train,
    testCount: test,
    isImage: true,
  };
}

/** Counts and class names from the file sizes, without decoding a picture (for the data panel). */
export async function describeCifar10(folder: CifarFolder, settings: CifarSettings): Promise<DatasetInfo> {
  return cifarInfo(await cifarLayout(folder), settings);
}

/** Reads `wanted` pictures from `batches`, in order, into fresh arrays. */
async function readCifarSplit(folder: CifarFolder, batches: readonly CifarBatch[], wanted: number, report: (name: string, done: number) => void): Promise<{ x: Float32Array; y: Float32Array }> {
  const x = new Float32Array(wanted * CIFAR_VALUES);
  const y = new Float32Array(wanted);
  let done = 0;
  for (const batch of batches) {
    if (done >= wanted) break;
    const records = Math.min(batch.records, wanted - done);
    report(batch.name, done);
    const bytes = await folder.read(batch.name, records * CIFAR_RECORD_BYTES);
    if (bytes.length < records * CIFAR_RECORD_BYTES) {
      throw new DatasetError(`${batch.name} ended after ${count(bytes.length)} bytes while it was read; was it being replaced? Try again.`, { file: folder.pathOf(batch.name) });
    }
    decodeCifarRecords(bytes, batch.name, records, x, y, done, folder.pathOf(batch.name));
    done += records;
  }
  return { x, y };
}

/**
 * Reads the training batches in order (1 to 5) and the test batch, each up to
 * its subset; the test set is empty when test_batch.bin is not there.
 * @example
 * const data = await loadCifar10(folder, { trainSubset: 5000 });
 * data.info.inputShape; // [32, 32, 3]
 * data.xTrain.length;   // 5000 × 3072
 */
export async function loadCifar10(folder: CifarFolder, settings: CifarSettings, onProgress: ProgressFn = noProgress): Promise<LoadedDataset> {
  const layout = await cifarLayout(folder);
  const info = cifarInfo(layout, settings);
  const total = info.trainCount + info.testCount;
  if (total * CIFAR_VALUES > MAX_DATASET_VALUES) {
    throw new DatasetError(
      `${folder.pathOf()}: ${count(total)} pictures of 32 × 32 × 3 are ${count(total * CIFAR_VALUES)} values, more than the ${count(MAX_DATASET_VALUES)} a dataset may hold; set a training subset.`,
      { file: folder.pathOf() },
    );
  }
  const report = (offset: number) => (name: string, done: number) => onProgress(total === 0 ? 0 : (offset + done) / total, `Reading ${name}`);
  const train = await readCifarSplit(folder, layout.train, info.trainCount, report(0));
  const test = layout.test ? await readCifarSplit(folder, [layout.test], info.testCount, report(info.trainCount)) : { x: new Float32Array(0), y: new Float32Array(0) };
  onProgress(1, `Loaded ${info.title}`);
  return { info, xTrain: train.x, yTrain: train.y, xTest: test.x, yTest: test.y };
}
