/**
 * Files crafted or grown to make the loaders spend gigabytes: each is refused
 * (or read) with bounded memory, measured as the peak resident memory of a
 * fresh Node process that reads it, and with a message giving the limit.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/datasets/random.ts';
import { type CsvSink, CsvReader, readCsvText } from './csv-parse.ts';
import { CsvLayoutScan } from './csv-table.ts';
import { decodeImage } from './image-decode.ts';
import { parseIdx } from './idx.ts';
import { readIdx } from './idx-file.ts';
import { DatasetError, describeDataset, loadDataset } from './index.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');
const dir = mkdtempSync(join(tmpdir(), 'netwright-limits-'));
const run = promisify(execFile);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A module of this folder as the child imports it. */
const moduleUrl = (file: string): string => JSON.stringify(pathToFileURL(join(import.meta.dirname, file)).href);

/**
 * Runs an ES module body in a fresh Node process (with tsx, from the
 * repository root); the body sets `result`. Gives that and the process's peak
 * resident memory, which counts the buffers outside the JavaScript heap too.
 */
async function inChild(body: string): Promise<{ result: unknown; peakMb: number }> {
  const script = join(dir, `child-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(script, `let result;\n${body}\nconsole.log(JSON.stringify({ result, peakMb: process.resourceUsage().maxRSS / 1024 }));\n`);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, timeout: 60_000, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { result: unknown; peakMb: number };
}

/** What a loader rejected with, or "loaded" when it did not. */
const FAILURE = 'const failure = (p) => p.then(() => "loaded", (e) => e.message);';

/** Peak memory a reading may reach, far below what each crafted file made the old loaders take. */
const PEAK_MB = 300;

function failure(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return (e as Error).message;
  }
  throw new Error('expected a DatasetError');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(4 + typed.length + 4);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), 4 + typed.length);
  return out;
}

/** A valid PNG header declaring width × height RGBA pixels, with image data for them (black) or at most a kilobyte of it. */
function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per sample
  ihdr[9] = 6; // RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(Math.min((1 + 4 * width) * height, 1024)))), pngChunk('IEND', new Uint8Array(0))]);
}

/** A JPEG's start and its frame header declaring width × height, then its end. */
function jpegDeclaring(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

/** An IDX header of unsigned bytes with these sizes. */
function idxHeader(dims: readonly number[]): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = 0x08;
  head[3] = dims.length;
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return head;
}

describe('a picture that declares more pixels than a picture may have', () => {
  it('is refused from its PNG header before decoding, by a process that stays small', async () => {
    // 10,000 × 10,000 pixels in 74 bytes, which the decoder alone would turn into 400 MB of RGBA.
    const root = join(dir, 'pictures');
    mkdirSync(join(root, 'big'), { recursive: true });
    mkdirSync(join(root, 'small'), { recursive: true });
    writeFileSync(join(root, 'big', 'bomb.png'), pngDeclaring(10_000, 10_000));
    writeFileSync(join(root, 'small', 'dot.png'), pngDeclaring(1, 1));
    const { result, peakMb } = await inChild(`
      const { loadDataset } = await import(${moduleUrl('index.ts')});
      ${FAILURE}
      result = await failure(loadDataset({ kind: 'images', folder: ${JSON.stringify(root)}, width: 8, height: 8, grayscale: false, testRatio: 0 }));`);
    expect(result).toBe('big/bomb.png: the picture is 10,000 × 10,000 = 100,000,000 pixels, more than the 50,000,000 a picture may have; scale it down or leave it out.');
    expect(peakMb).toBeLessThan(PEAK_MB);
  }, 60_000);

  it('is refused from its JPEG frame header with the same limit and words', () => {
    expect(failure(() => decodeImage(jpegDeclaring(10_000, 6_000), 'cats/huge.jpg'))).toBe(
      'cats/huge.jpg: the picture is 10,000 × 6,000 = 60,000,000 pixels, more than the 50,000,000 a picture may have; scale it down or leave it out.',
    );
  });

  it('is decoded as before when it is within the limit', () => {
    const img = decodeImage(pngDeclaring(4, 2), 'ok.png');
    expect([img.width, img.height, img.data.length]).toEqual([4, 2, 32]);
  });
});

describe('a picture folder', () => {
  it("whose pictures at the project's size would be more values than a dataset may hold is refused before any is decoded", async () => {
    const root = join(dir, 'many');
    for (const cls of ['a', 'b']) {
      mkdirSync(join(root, cls), { recursive: true });
      for (let i = 0; i < 43; i++) writeFileSync(join(root, cls, `${i}.png`), pngDeclaring(1, 1));
    }
    await expect(loadDataset({ kind: 'images', folder: root, width: 1024, height: 1024, grayscale: false, testRatio: 0.1 })).rejects.toThrow(
      `${root}: 86 pictures of 1024 × 1024 × 3 are 270,532,608 values, more than the 268,435,456 a dataset may hold; use a smaller picture size or fewer pictures.`,
    );
  });
});

describe('a gzipped IDX file', () => {
  // Zeros deflate about 1000 to 1: 8 copies of one 64 MB member are half a gigabyte in half a megabyte.
  const zeros = gzipSync(Buffer.alloc(64 << 20));
  const bomb = (dims: readonly number[]): Buffer => Buffer.concat([gzipSync(idxHeader(dims)), ...Array.from({ length: 8 }, () => zeros)]);

  it('that inflates far beyond its header is refused while inflating, by the app and by exported programs, in a small process', async () => {
    const images = join(dir, 'bomb-images-idx3-ubyte.gz');
    const labels = join(dir, 'labels-idx1-ubyte');
    writeFileSync(images, bomb([1000, 28, 28]));
    writeFileSync(labels, Buffer.concat([idxHeader([1000]), Buffer.alloc(1000)]));
    const { result, peakMb } = await inChild(`
      const { readFileSync } = await import('node:fs');
      const { loadDataset } = await import(${moduleUrl('index.ts')});
      const { parseIdx } = await import(${moduleUrl('idx.ts')});
      ${FAILURE}
      const app = await failure(loadDataset({ kind: 'idx', trainImages: ${JSON.stringify(images)}, trainLabels: ${JSON.stringify(labels)} }));
      const exported = await failure((async () => parseIdx(readFileSync(${JSON.stringify(images)}), 'bomb-images-idx3-ubyte.gz'))());
      result = { app, exported };`);
    const message =
      'bomb-images-idx3-ubyte.gz: header says 1000×28×28 = 784,000 bytes of data but the file has more than 784,000: the file is longer than its header says; is it really an IDX file?';
    expect(result).toEqual({ app: message, exported: message });
    expect(peakMb).toBeLessThan(PEAK_MB);
  }, 60_000);

  it('whose header declares more values than a dataset may hold is refused before the rest is inflated', async () => {
    const path = join(dir, 'huge-idx3-ubyte.gz');
    writeFileSync(path, bomb([100_000, 100, 100]));
    const message = 'huge-idx3-ubyte.gz: the header declares 100000×100×100 = 1,000,000,000 values, more than the 268,435,456 a dataset may hold; use a file with fewer items.';
    await expect(readIdx(path)).rejects.toThrow(message);
    expect(failure(() => parseIdx(bomb([100_000, 100, 100]), 'huge-idx3-ubyte.gz'))).toBe(message);
  });

  it('that is damaged says so', async () => {
    const path = join(dir, 'damaged-idx1-ubyte.gz');
    const whole = gzipSync(Buffer.concat([idxHeader([3]), Buffer.from([1, 2, 3])]));
    writeFileSync(path, whole.subarray(0, whole.length - 12));
    await expect(readIdx(path)).rejects.toThrow(/^damaged-idx1-ubyte\.gz: the gzip data is damaged \(unexpected end of file\)\.$/);
  });

  it('is read as before, only as far as asked', async () => {
    const path = join(dir, 'small-idx3-ubyte.gz');
    const pixels = Buffer.from(Array.from({ length: 5 * 4 }, (_, i) => i));
    writeFileSync(path, gzipSync(Buffer.concat([idxHeader([5, 2, 2]), pixels])));
    const read = await readIdx(path, { maxItems: 2 });
    expect(read).toMatchObject({ dims: [2, 2, 2], totalItems: 5 });
    expect(Array.from(read.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('an IDX set whose files hold no items', () => {
  const images = join(dir, 'empty-images-idx3-ubyte');
  const labels = join(dir, 'empty-labels-idx1-ubyte');
  writeFileSync(images, idxHeader([0, 28, 28]));
  writeFileSync(labels, idxHeader([0]));
  const ref = { kind: 'idx', trainImages: images, trainLabels: labels } as const;
  const message = 'empty-images-idx3-ubyte holds no images: its header declares 0×28×28, 0 items; choose a file that has images in it.';

  it('is refused when loaded and when described, saying that the file holds no images', async () => {
    await expect(loadDataset(ref)).rejects.toThrow(message);
    await expect(describeDataset(ref)).rejects.toThrow(message);
  });
});

/** Numeric rows like a measurement log's: ten readings and a 0/1 label. */
function numericCsv(megabytes: number): { text: string; rows: number } {
  const next = mulberry32(7);
  const rows: string[] = [];
  for (let i = 0; i < 10_000; i++) rows.push(`${Array.from({ length: 10 }, () => (next() * 100).toFixed(5)).join(',')},${next() < 0.5 ? 0 : 1}\n`);
  const block = rows.join('');
  const header = `${Array.from({ length: 10 }, (_, i) => `x${i}`).join(',')},label\n`;
  const blocks = Math.ceil((megabytes * 1e6) / block.length);
  return { text: header + block.repeat(blocks), rows: blocks * rows.length };
}

describe('a large CSV file', () => {
  it('is read as a stream into typed columns: 40 MB load in a process that stays small', async () => {
    // Holding the text and then every cell as a string took the old loader a gigabyte for this file.
    const path = join(dir, 'readings.csv');
    const { text, rows } = numericCsv(40);
    writeFileSync(path, text);
    const { result, peakMb } = await inChild(`
      const { loadDataset } = await import(${moduleUrl('index.ts')});
      const d = await loadDataset({ kind: 'csv', path: ${JSON.stringify(path)}, target: 'label', scaling: 'standard', task: 'classification', testRatio: 0.1 });
      result = { rows: d.info.trainCount + d.info.testCount, inputs: d.info.inputShape, classes: d.info.classNames };`);
    expect(result).toEqual({ rows, inputs: [10], classes: ['0', '1'] });
    expect(peakMb).toBeLessThan(PEAK_MB);
  }, 60_000);

  it('is refused once it holds more cells than a table may have, saying the limit and the line', () => {
    const text = 'a,b\n1,2\n3,4\n5,6\n';
    expect(failure(() => readCsvText(text, 'wide.csv', new CsvLayoutScan('wide.csv'), { maxCells: 5 }))).toBe(
      'wide.csv: by line 3 the table has more than 5 cells (rows × columns), the most a CSV dataset may hold; use fewer rows or columns.',
    );
  });

  it('is refused when its one-hot inputs would be more values than a dataset may hold, naming the column that widens it', async () => {
    const path = join(dir, 'ids.csv');
    writeFileSync(path, `id,label\n${Array.from({ length: 20_000 }, (_, i) => `id${i},${i % 2}`).join('\n')}\n`);
    await expect(loadDataset({ kind: 'csv', path, target: 'label', scaling: 'none', task: 'classification', testRatio: 0 })).rejects.toThrow(
      'ids.csv: 20,000 rows × 20,000 inputs are 400,000,000 values, more than the 268,435,456 a dataset may hold; the column "id" alone gives 20,000 inputs (one per category), so ignore it or use fewer rows.',
    );
  });
});

/** Records as a sink hears them, or the message the reading failed with. */
function recordsOf(read: (sink: CsvSink<unknown>) => unknown): unknown {
  const heard: [number, string[]][] = [];
  try {
    const delimiter = read({ record: (fields, line) => heard.push([line, fields]), end: (d) => d });
    return { delimiter, heard };
  } catch (e) {
    return (e as Error).message;
  }
}

describe('reading CSV text in pieces', () => {
  it('gives the records, lines and errors of reading it whole, wherever the pieces are cut', () => {
    const parts = ['a', '1', '2.5', ' x ', ',', ';', '\t', '"', '""', '"q,;"', '\n', '\r', '\r\n', ''];
    const random = mulberry32(11);
    const next = (n: number): number => Math.floor(random() * n);
    for (let round = 0; round < 2000; round++) {
      let text = next(5) === 0 ? '\ufeff' : '';
      for (let i = next(40); i > 0; i--) text += parts[next(parts.length)];
      const whole = recordsOf((sink) => readCsvText(text, 't.csv', sink));
      const reader = (sink: CsvSink<unknown>) => {
        const r = new CsvReader('t.csv', sink);
        for (let at = 0; at < text.length; ) {
          const cut = at + 1 + next(4);
          r.push(text.slice(at, cut));
          at = cut;
        }
        return r.end();
      };
      expect({ text, read: recordsOf(reader) }).toEqual({ text, read: whole });
    }
  });
});
