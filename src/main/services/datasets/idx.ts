/**
 * Reader for IDX files, the format MNIST ships in: two zero bytes, a type
 * code, the number of dimensions, one big-endian 32-bit size per dimension,
 * then the values in row-major order, big-endian. Files may be gzipped.
 *
 * Only the first `maxItems` entries along the first dimension are decoded when
 * asked, so that a 5,000-image subset does not pay for 60,000 images; the file
 * size is still checked against the header so that a truncated file is never
 * half-used.
 *
 * Bytes in, arrays out, with no file access: exported projects read IDX files
 * with this same code (idx-file.ts reads them from disk for the app).
 */
import { gunzipSync } from 'node:zlib';
import { DatasetError, count } from './dataset-error.ts';

export type IdxDtype = 'ubyte' | 'byte' | 'short' | 'int' | 'float' | 'double';
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxHeader {
  readonly dtype: IdxDtype;
  /** Sizes from the header, first dimension = number of items. */
  readonly dims: readonly number[];
  /** Where the values start. */
  readonly dataOffset: number;
}

export interface IdxArray {
  readonly dtype: IdxDtype;
  /** Sizes of what was decoded: dims[0] is the number of items read, at most the header's. */
  readonly dims: readonly number[];
  /** Items the file holds according to its header. */
  readonly totalItems: number;
  readonly data: IdxData;
}

export interface ReadIdxOptions {
  /** Decode at most this many items (entries along the first dimension). */
  readonly maxItems?: number;
}

const DTYPES: Readonly<Record<number, { name: IdxDtype; size: number }>> = {
  0x08: { name: 'ubyte', size: 1 },
  0x09: { name: 'byte', size: 1 },
  0x0b: { name: 'short', size: 2 },
  0x0c: { name: 'int', size: 4 },
  0x0d: { name: 'float', size: 4 },
  0x0e: { name: 'double', size: 8 },
};

/** At most this many dimensions, so a header is never longer than 4 + 4 × 16 bytes. */
export const MAX_DIMS = 16;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Parses the header from the first bytes of a file; `name` is used in messages. */
export function parseIdxHeader(bytes: Uint8Array, name: string): IdxHeader {
  if (bytes.length < 4) {
    throw new DatasetError(`${name}: the file is ${bytes.length === 0 ? 'empty' : `only ${bytes.length} bytes long`}, too short to be an IDX file.`, { file: name });
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const found = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DatasetError(`${name}: not an IDX file: it should start with two zero bytes but starts with ${found}.`, { file: name });
  }
  const type = DTYPES[bytes[2]];
  if (!type) {
    throw new DatasetError(
      `${name}: unknown IDX value type 0x${bytes[2].toString(16).padStart(2, '0')} in byte 3 (expected 08 ubyte, 09 byte, 0b short, 0c int, 0d float or 0e double).`,
      { file: name },
    );
  }
  const ndims = bytes[3];
  if (ndims === 0 || ndims > MAX_DIMS) {
    throw new DatasetError(`${name}: the header declares ${ndims} dimensions; an IDX file has between 1 and ${MAX_DIMS}.`, { file: name });
  }
  const dataOffset = 4 + 4 * ndims;
  if (bytes.length < dataOffset) {
    throw new DatasetError(`${name}: the header declares ${ndims} dimensions but the file ends after ${bytes.length} bytes, before their sizes.`, { file: name });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, dataOffset);
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  return { dtype: type.name, dims, dataOffset };
}

export function dtypeSize(dtype: IdxDtype): number {
  for (const t of Object.values(DTYPES)) if (t.name === dtype) return t.size;
  throw new Error(`unknown IDX dtype ${dtype}`);
}

/** Checks that the data after the header has exactly the size the header promises. */
export function checkSize(header: IdxHeader, dataBytes: number, name: string): void {
  const values = header.dims.reduce((a, b) => a * b, 1);
  const expected = values * dtypeSize(header.dtype);
  if (dataBytes === expected) return;
  const shape = header.dims.map((d) => String(d)).join('×');
  const kind = header.dtype === 'ubyte' ? '' : ` ${header.dtype} values`;
  const said = `header says ${shape}${kind} = ${count(expected)} bytes of data but the file has ${count(dataBytes)}`;
  const hint = dataBytes < expected ? 'it looks truncated; copy or download it again' : 'the file is longer than its header says; is it really an IDX file?';
  throw new DatasetError(`${name}: ${said}: ${hint}.`, { file: name });
}

/**
 * Converts big-endian values to a native typed array (x86 and ARM are
 * little-endian). Bytes are copied through the typed-array constructors: a
 * Node Buffer's slice() is a view, often into a pool shared with other data.
 */
function decodeValues(bytes: Uint8Array, dtype: IdxDtype, n: number): IdxData {
  switch (dtype) {
    case 'ubyte':
      return new Uint8Array(bytes.subarray(0, n));
    case 'byte':
      return new Int8Array(bytes.buffer, bytes.byteOffset, n).slice();
    case 'short':
    case 'int':
    case 'float':
    case 'double': {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const out =
        dtype === 'short' ? new Int16Array(n)
        : dtype === 'int' ? new Int32Array(n)
        : dtype === 'float' ? new Float32Array(n)
        : new Float64Array(n);
      const size = dtypeSize(dtype);
      for (let i = 0; i < n; i++) {
        const at = i * size;
        out[i] =
          dtype === 'short' ? view.getInt16(at, false)
          : dtype === 'int' ? view.getInt32(at, false)
          : dtype === 'float' ? view.getFloat32(at, false)
          : view.getFloat64(at, false);
      }
      return out;
    }
    default:
      throw new Error(`unhandled IDX dtype ${dtype satisfies never}`);
  }
}

export function itemsToRead(header: IdxHeader, maxItems: number | undefined): number {
  const total = header.dims[0];
  return maxItems === undefined ? total : Math.max(0, Math.min(total, Math.floor(maxItems)));
}

/** The decoded array of the first `items` items, from their bytes after the header. */
export function idxResult(header: IdxHeader, items: number, data: Uint8Array): IdxArray {
  const perItem = header.dims.slice(1).reduce((a, b) => a * b, 1);
  return {
    dtype: header.dtype,
    dims: [items, ...header.dims.slice(1)],
    totalItems: header.dims[0],
    data: decodeValues(data, header.dtype, items * perItem),
  };
}

/** Parses a whole IDX file held in memory (gzipped or not); `name` is used in messages. */
export function parseIdx(bytes: Uint8Array, name: string, options: ReadIdxOptions = {}): IdxArray {
  if (isGzip(bytes)) {
    let raw: Uint8Array;
    try {
      raw = gunzipSync(bytes);
    } catch (e) {
      throw new DatasetError(`${name}: the gzip data is damaged (${(e as Error).message}).`, { file: name }, { cause: e });
    }
    return parseIdx(raw, name, options);
  }
  const header = parseIdxHeader(bytes, name);
  checkSize(header, bytes.length - header.dataOffset, name);
  const items = itemsToRead(header, options.maxItems);
  const perItem = header.dims.slice(1).reduce((a, b) => a * b, 1);
  const length = items * perItem * dtypeSize(header.dtype);
  return idxResult(header, items, bytes.subarray(header.dataOffset, header.dataOffset + length));
}
