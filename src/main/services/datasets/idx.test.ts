import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './errors.ts';
import { parseIdx } from './idx.ts';
import { readIdx } from './idx-file.ts';

/** Builds an IDX file: header then big-endian values. */
function idx(typeCode: number, dims: number[], values: number[], size = 1): Uint8Array {
  const head = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(head.buffer);
  head[2] = typeCode;
  head[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const body = new DataView(new ArrayBuffer(values.length * size));
  values.forEach((v, i) => {
    if (typeCode === 0x08) body.setUint8(i, v);
    else if (typeCode === 0x09) body.setInt8(i, v);
    else if (typeCode === 0x0b) body.setInt16(i * 2, v, false);
    else if (typeCode === 0x0c) body.setInt32(i * 4, v, false);
    else if (typeCode === 0x0d) body.setFloat32(i * 4, v, false);
  });
  const out = new Uint8Array(head.length + values.length * size);
  out.set(head);
  out.set(new Uint8Array(body.buffer), head.length);
  return out;
}

function errorOf(f: () => unknown): DatasetError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return e as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

describe('parseIdx', () => {
  it('reads unsigned bytes with their dimensions', () => {
    const a = parseIdx(idx(0x08, [2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 'x');
    expect(a.dtype).toBe('ubyte');
    expect(a.dims).toEqual([2, 2, 3]);
    expect(a.totalItems).toBe(2);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('decodes big-endian ints, shorts and floats', () => {
    expect(Array.from(parseIdx(idx(0x0c, [3], [-5, 70000, 1], 4), 'i').data)).toEqual([-5, 70000, 1]);
    expect(Array.from(parseIdx(idx(0x0b, [2], [-300, 300], 2), 's').data)).toEqual([-300, 300]);
    const f = parseIdx(idx(0x0d, [2, 1], [0.5, -2.25], 4), 'f');
    expect(f.dtype).toBe('float');
    expect(Array.from(f.data)).toEqual([0.5, -2.25]);
  });

  it('copies the values out of a Node Buffer, which may be a view into a shared pool', () => {
    // Small Buffers share one pooled ArrayBuffer with other data: the values must not be read from its start.
    const signed = parseIdx(Buffer.from(idx(0x09, [3], [-1, 2, -3])), 'b');
    expect(Array.from(signed.data)).toEqual([-1, 2, -3]);
    const bytes = parseIdx(Buffer.from(idx(0x08, [2], [7, 9])), 'u');
    expect(bytes.data).toBeInstanceOf(Uint8Array);
    expect(bytes.data.buffer.byteLength).toBe(2);
  });

  it('decodes only the first maxItems items but reports the total', () => {
    const a = parseIdx(idx(0x08, [3, 2], [1, 2, 3, 4, 5, 6]), 'x', { maxItems: 2 });
    expect(a.dims).toEqual([2, 2]);
    expect(a.totalItems).toBe(3);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4]);
  });

  it('inflates gzipped files', () => {
    const a = parseIdx(gzipSync(idx(0x08, [2], [7, 9])), 'labels.gz');
    expect(Array.from(a.data)).toEqual([7, 9]);
  });

  it('says how many bytes a truncated file should have and has', () => {
    const full = idx(0x08, [10000, 28, 28], []);
    const file = new Uint8Array(full.length + 1204);
    file.set(full);
    const e = errorOf(() => parseIdx(file, 't10k-images-idx3-ubyte'));
    expect(e.message).toBe(
      't10k-images-idx3-ubyte: header says 10000×28×28 = 7,840,000 bytes of data but the file has 1,204: it looks truncated; copy or download it again.',
    );
  });

  it('names the value type when it is not bytes, and rejects trailing data', () => {
    expect(errorOf(() => parseIdx(idx(0x0c, [2], [1], 4), 'l')).message).toContain('header says 2 int values = 8 bytes of data but the file has 4');
    expect(errorOf(() => parseIdx(idx(0x08, [1], [1, 2]), 'l')).message).toContain('longer than its header says');
  });

  it('rejects files that are not IDX', () => {
    expect(errorOf(() => parseIdx(new TextEncoder().encode('label,x\n1,2\n'), 'data.csv')).message).toBe(
      'data.csv: not an IDX file: it should start with two zero bytes but starts with 6c 61 62 65.',
    );
    expect(errorOf(() => parseIdx(new Uint8Array([0, 0, 0x07, 1, 0, 0, 0, 0]), 'odd')).message).toContain('unknown IDX value type 0x07');
    expect(errorOf(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0]), 'short')).message).toContain('declares 3 dimensions but the file ends after 6 bytes');
    expect(errorOf(() => parseIdx(new Uint8Array(0), 'empty')).message).toBe('empty: the file is empty, too short to be an IDX file.');
    expect(errorOf(() => parseIdx(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), 'bad.gz')).message).toMatch(/^bad\.gz: the gzip data is damaged/);
  });
});

describe('readIdx', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-idx-'));

  it('reads a prefix from disk and checks the size of the whole file', async () => {
    const path = join(dir, 'imgs');
    writeFileSync(path, idx(0x08, [4, 2], [1, 2, 3, 4, 5, 6, 7, 8]));
    const a = await readIdx(path, { maxItems: 1 });
    expect(Array.from(a.data)).toEqual([1, 2]);
    expect(a.totalItems).toBe(4);
    writeFileSync(path, idx(0x08, [4, 2], [1, 2, 3]));
    await expect(readIdx(path, { maxItems: 1 })).rejects.toThrow('imgs: header says 4×2 = 8 bytes of data but the file has 3');
  });

  it('reads gzipped files from disk', async () => {
    const path = join(dir, 'labels.gz');
    writeFileSync(path, gzipSync(idx(0x08, [3], [4, 5, 6])));
    expect(Array.from((await readIdx(path, { maxItems: 2 })).data)).toEqual([4, 5]);
  });

  it('says when the file is missing', async () => {
    const path = join(dir, 'nope-idx1-ubyte');
    await expect(readIdx(path)).rejects.toThrow(`Cannot read ${path}: the file does not exist.`);
  });
});
