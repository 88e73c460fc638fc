/**
 * CIFAR-10's binary batches read from a folder made by the test (two
 * training batches of 7 records and a test batch of 5): every float, label
 * and class name, subsets, the data panel's preview, and the message for
 * each way the folder can be wrong.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetRef } from '../../../shared/document/schema.ts';
import { CIFAR_CLASS_NAMES, CIFAR_RECORD_BYTES } from './cifar10.ts';
import { FIXTURE_CLASSES, cifarBatchBytes, fixtureByte, fixtureLabel, writeCifarFolder } from './cifar10-fixture.ts';
import { describeDataset, loadDataset } from './index.ts';
import { previewDataset } from './preview.ts';

const ROOT = mkdtempSync(join(tmpdir(), 'netwright-cifar-'));
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

let folders = 0;
function folder(fixture?: Parameters<typeof writeCifarFolder>[1]): string {
  return writeCifarFolder(join(ROOT, `set-${folders++}`), fixture);
}

function ref(dir: string, over: Partial<Extract<DatasetRef, { kind: 'cifar10' }>> = {}): DatasetRef {
  return { kind: 'cifar10', folder: dir, ...over };
}

/** The float the reader must give for value (row, column, channel) of record i of a batch. */
function expected(batch: number, i: number, row: number, col: number, c: number): number {
  return Math.fround(fixtureByte(batch, i, c, row * 32 + col) / 255);
}

describe('a CIFAR-10 folder', () => {
  it('decodes every picture as 32×32×3 floats in 0–1, row by row with the channels last, batch 1 before batch 2', async () => {
    const data = await loadDataset(ref(folder()));
    expect(data.info).toEqual({
      title: 'CIFAR-10 (14 training, 5 test images)',
      task: 'classification',
      inputShape: [32, 32, 3],
      numClasses: 10,
      classNames: FIXTURE_CLASSES,
      targetSize: 1,
      trainCount: 14,
      testCount: 5,
      isImage: true,
    });
    expect(data.xTrain.length).toBe(14 * 3072);
    expect(data.xTest.length).toBe(5 * 3072);
    const want = new Float32Array(14 * 3072);
    for (let n = 0; n < 14; n++) {
      const [batch, i] = [1 + Math.floor(n / 7), n % 7];
      for (let row = 0; row < 32; row++) for (let col = 0; col < 32; col++) for (let c = 0; c < 3; c++) want[n * 3072 + (row * 32 + col) * 3 + c] = expected(batch, i, row, col, c);
    }
    expect(data.xTrain).toEqual(want);
    expect(Array.from(data.yTrain)).toEqual([...Array.from({ length: 7 }, (_, i) => fixtureLabel(1, i)), ...Array.from({ length: 7 }, (_, i) => fixtureLabel(2, i))]);
    expect(Array.from(data.yTest)).toEqual([0, 1, 2, 3, 4]);
    // Test picture 4, pixel at row 2, column 5, blue: byte (4·17 + 2·85 + 69·3) mod 256 = 189.
    expect(data.xTest[4 * 3072 + (2 * 32 + 5) * 3 + 2]).toBe(Math.fround(189 / 255));
  });

  it('reads only the subsets asked for, across batch files', async () => {
    const data = await loadDataset(ref(folder(), { trainSubset: 9, testSubset: 2 }));
    expect(data.info).toMatchObject({ title: 'CIFAR-10 (9 training, 2 test images)', trainCount: 9, testCount: 2 });
    expect(data.xTrain.length).toBe(9 * 3072);
    expect(Array.from(data.yTrain.subarray(7))).toEqual([fixtureLabel(2, 0), fixtureLabel(2, 1)]);
    expect(data.xTrain[8 * 3072]).toBe(expected(2, 1, 0, 0, 0));
  });

  it('is described from its file sizes for the data panel', async () => {
    expect(await describeDataset(ref(folder({ train: [3, 4, 2], test: 6 })))).toMatchObject({ title: 'CIFAR-10 (9 training, 6 test images)', trainCount: 9, testCount: 6, inputShape: [32, 32, 3] });
  });

  it('has no test set when test_batch.bin is missing', async () => {
    const data = await loadDataset(ref(folder({ test: null })));
    expect(data.info).toMatchObject({ trainCount: 14, testCount: 0 });
    expect(data.xTest.length).toBe(0);
  });

  it('uses the standard class names, and says so, when batches.meta.txt is missing', async () => {
    const info = await describeDataset(ref(folder({ meta: null })));
    expect(info.classNames).toEqual(CIFAR_CLASS_NAMES);
    expect(info.title).toBe('CIFAR-10 (14 training, 5 test images; no batches.meta.txt, standard class names)');
  });

  it('previews the first training pictures as colour bytes with their labels and the class names', async () => {
    const result = await previewDataset(ref(folder()), { baseDir: ROOT });
    if (!result.ok) throw new Error(result.message);
    const { preview } = result;
    if (preview.kind !== 'images') throw new Error(`a ${preview.kind} preview`);
    expect([preview.width, preview.height, preview.channels]).toEqual([32, 32, 3]);
    expect(preview.info.classNames).toEqual(FIXTURE_CLASSES);
    expect(preview.info.trainCount).toBe(14);
    expect(preview.samples.map((s) => s.label)).toEqual(Array.from({ length: 14 }, (_, n) => fixtureLabel(1 + Math.floor(n / 7), n % 7)));
    // The first picture's first pixel, red, green and blue, back as the file's bytes.
    expect(preview.samples[0].pixels.slice(0, 3)).toEqual([0, 1, 2].map((c) => fixtureByte(1, 0, c, 0)));
    expect(preview.samples[9].pixels[(31 * 32 + 31) * 3 + 1]).toBe(fixtureByte(2, 2, 1, 1023));
  });

  it('is read relative to the project folder', async () => {
    writeCifarFolder(join(ROOT, 'project', 'cifar-10-batches-bin'));
    const info = await describeDataset(ref('cifar-10-batches-bin'), { baseDir: join(ROOT, 'project') });
    expect(info.trainCount).toBe(14);
  });
});

describe('a wrong CIFAR-10 folder', () => {
  const failure = (r: DatasetRef, baseDir?: string) => loadDataset(r, { baseDir }).then(() => 'loaded', (e: Error) => `${e.name}: ${e.message}`);

  it('that does not exist says so and what to choose', async () => {
    const missing = join(ROOT, 'nowhere', 'cifar-10-batches-bin');
    expect(await failure(ref(missing))).toBe(
      `DatasetError: Cannot read ${missing}: the folder does not exist. Choose the folder where you unpacked cifar-10-batches-bin (from cifar-10-binary.tar.gz at https://www.cs.toronto.edu/~kriz/cifar.html).`,
    );
  });

  it('without batch files lists the files expected', async () => {
    const empty = join(ROOT, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'hello');
    expect(await failure(ref(empty))).toBe(
      `DatasetError: ${empty} holds no CIFAR-10 training batches: expected data_batch_1.bin … data_batch_5.bin, test_batch.bin and batches.meta.txt, as unpacked from the binary version (cifar-10-batches-bin).`,
    );
  });

  it('one level too high points at the folder inside', async () => {
    const parent = join(ROOT, 'download');
    writeCifarFolder(join(parent, 'cifar-10-batches-bin'));
    expect(await failure(ref(parent))).toMatch(/holds no CIFAR-10 training batches: .* It holds a cifar-10-batches-bin folder: choose that folder instead\.$/);
  });

  it('of the Python version says to get the binary one', async () => {
    const python = join(ROOT, 'python');
    mkdirSync(python);
    writeFileSync(join(python, 'data_batch_1'), 'pickle');
    writeFileSync(join(python, 'batches.meta'), 'pickle');
    expect(await failure(ref(python))).toMatch(/It holds the Python version of CIFAR-10; download the binary version \(cifar-10-binary\.tar\.gz\) and choose its cifar-10-batches-bin folder\.$/);
  });

  it('with a batch cut short names the file and its size', async () => {
    const dir = folder();
    truncateSync(join(dir, 'data_batch_2.bin'), 7 * CIFAR_RECORD_BYTES - 100);
    expect(await failure(ref(dir))).toBe(
      'DatasetError: data_batch_2.bin is 21,411 bytes, not a whole number of 3,073-byte CIFAR-10 records (1 label byte and 3,072 pixel bytes each); the file is cut short or is not from cifar-10-batches-bin.',
    );
  });

  it('with an empty batch says it is empty', async () => {
    const dir = folder();
    truncateSync(join(dir, 'test_batch.bin'), 0);
    expect(await failure(ref(dir))).toBe('DatasetError: test_batch.bin is empty; a CIFAR-10 batch holds 3,073-byte records. Unpack the archive again.');
  });

  it('with a label above 9 names the file, the picture and the label', async () => {
    const dir = folder();
    const bytes = cifarBatchBytes(1, 7);
    bytes[3 * CIFAR_RECORD_BYTES] = 12;
    writeFileSync(join(dir, 'data_batch_1.bin'), bytes);
    expect(await failure(ref(dir))).toBe('DatasetError: data_batch_1.bin: picture 4 has label 12, but CIFAR-10 labels are 0–9; this is not a CIFAR-10 batch file.');
  });

  it('with a short batches.meta.txt refuses it and says how to fix it', async () => {
    const dir = folder({ meta: 'airplane\nautomobile\nbird\n' });
    expect(await failure(ref(dir))).toBe(
      'DatasetError: batches.meta.txt lists 3 class names where CIFAR-10 has 10, one a line; unpack it again from the archive, or delete it to use the standard names (airplane, automobile, bird, cat, deer, dog, frog, horse, ship, truck).',
    );
  });

  it('shows its message in the data panel instead of a preview', async () => {
    const result = await previewDataset(ref('not-unpacked-yet'), { baseDir: ROOT });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('the folder does not exist. Choose the folder where you unpacked cifar-10-batches-bin') });
  });
});
