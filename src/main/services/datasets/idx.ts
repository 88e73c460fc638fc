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
 * A header may declare far more values than its file holds once inflated (a
 * few megabytes of gzip can declare or inflate to gigabytes), so the declared
 * size is checked against MAX_DATASET_VALUES before anything is inflated, and
 * inflating stops as soon as the data outgrows what the header declares.
 *
 * Bytes in, arrays out, with no file access: exported projects read IDX files
 * with this same code (idx-file.ts reads them from disk for the app).
 */
import { constants, gunzipSync } from 'node:zlib';
import { DatasetError, count } from './dataset-error.ts';
import { MAX_DATASET_VALUES } from './dataset-limits.ts';

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

/** Bytes of the longest header: the magic number and 16 sizes. */
export const MAX_HEADER_BYTES = 4 + 4 * MAX_DIMS;

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
  const header: IdxHeader = { dtype: type.name, dims, dataOffset };
  const values = valueCount(header);
  if (values > MAX_DATASET_VALUES) {
    throw new DatasetError(
      `${name}: the header declares ${shapeOf(header)} = ${count(values)} values, more than the ${count(MAX_DATASET_VALUES)} a dataset may hold; use a file with fewer items.`,
      { file: name },
    );
  }
  return header;
}

/** Bytes a header needs before it can be parsed, given its first bytes: 4, then 4 per dimension more. */
export function headerLength(first: Uint8Array): number {
  return first.length < 4 ? 4 : 4 + 4 * Math.min(first[3], MAX_DIMS);
}

function valueCount(header: IdxHeader): number {
  return header.dims.reduce((a, b) => a * b, 1);
}

function shapeOf(header: IdxHeader): string {
  return header.dims.map((d) => String(d)).join('×');
}

export function dtypeSize(dtype: IdxDtype): number {
  for (const t of Object.values(DTYPES)) if (t.name === dtype) return t.size;
  throw new Error(`unknown IDX dtype ${dtype}`);
}

/** Bytes of data after the header, as the header declares them. */
export function declaredDataBytes(header: IdxHeader): number {
  return valueCount(header) * dtypeSize(header.dtype);
}

/**
 * Checks that the data after the header has exactly the size the header
 * promises. `atLeast`: the data was cut off once it outgrew the header, so
 * `dataBytes` is a lower bound.
 */
export function checkSize(header: IdxHeader, dataBytes: number, name: string, atLeast = false): void {
  const expected = declaredDataBytes(header);
  if (dataBytes === expected && !atLeast) return;
  const kind = header.dtype === 'ubyte' ? '' : ` ${header.dtype} values`;
  const has = atLeast ? `more than ${count(expected)}` : count(dataBytes);
  const said = `header says ${shapeOf(header)}${kind} = ${count(expected)} bytes of data but the file has ${has}`;
  const hint = dataBytes < expected ? 'it looks truncated; copy or download it again.' : 'the file is longer than its header says; is it really an IDX file?';
  throw new DatasetError(`${name}: ${said}: ${hint}`, { file: name });
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

/** Values in one item: the product of the sizes after the first. */
export function itemValues(header: IdxHeader): number {
  return header.dims.slice(1).reduce((a, b) => a * b, 1);
}

/** The decoded array of the first `items` items, from their bytes after the header. */
export function idxResult(header: IdxHeader, items: number, data: Uint8Array): IdxArray {
  const perItem = itemValues(header);
  return {
    dtype: header.dtype,
    dims: [items, ...header.dims.slice(1)],
    totalItems: header.dims[0],
    data: decodeValues(data, header.dtype, items * perItem),
  };
}

export function gzipDamaged(name: string, e: unknown): DatasetError {
  return new DatasetError(`${name}: the gzip data is damaged (${(e as Error).message}).`, { file: name }, { cause: e });
}

/**
 * Inflates only the start of gzipped bytes, enough for the header: a
 * kilobyte of deflate data inflates to a megabyte at most, so this stays
 * small however much the whole file would inflate to.
 */
function gunzipHead(bytes: Uint8Array, name: string): Uint8Array {
  for (let size = 1 << 10; ; size *= 8) {
    let head: Uint8Array;
    try {
      // A sync flush instead of a finish accepts the cut-off input and gives what it holds so far.
      head = gunzipSync(bytes.subarray(0, size), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch (e) {
      throw gzipDamaged(name, e);
    }
    if (head.length >= headerLength(head) || size >= bytes.length || size >= 1 << 16) return head;
  }
}

/**
 * Inflates a gzipped IDX file after checking its header: never to more than
 * the header declares (one byte more shows that the file is longer).
 */
function gunzipIdx(bytes: Uint8Array, name: string): Uint8Array {
  const header = parseIdxHeader(gunzipHead(bytes, name), name);
  const declared = header.dataOffset + declaredDataBytes(header);
  try {
    return gunzipSync(bytes, { maxOutputLength: declared + 1 });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') checkSize(header, declared - header.dataOffset + 1, name, true);
    throw gzipDamaged(name, e);
  }
}

/** Parses a whole IDX file held in memory (gzipped or not); `name` is used in messages. */
export function parseIdx(bytes: Uint8Array, name: string, options: ReadIdxOptions = {}): IdxArray {
  const raw = isGzip(bytes) ? gunzipIdx(bytes, name) : bytes;
  const header = parseIdxHeader(raw, name);
  checkSize(header, raw.length - header.dataOffset, name);
  const items = itemsToRead(header, options.maxItems);
  const length = items * itemValues(header) * dtypeSize(header.dtype);
  return idxResult(header, items, raw.subarray(header.dataOffset, header.dataOffset + length));
}

/**
 * Decodes IDX bytes handed in pieces, as a gunzip stream gives them: the
 * header is parsed (and checked against the limit) as soon as it is in,
 * only the bytes of the items asked for are kept, and the file is refused as
 * soon as it holds more than its header declares.
 * @example
 * const reader = new IdxReader('train-images.gz', { maxItems: 5000 });
 * for await (const chunk of inflated) reader.push(chunk);
 * const images = reader.end();
 */
export class IdxReader {
  private readonly name: string;
  private readonly maxItems: number | undefined;
  private head = new Uint8Array(MAX_HEADER_BYTES);
  private headBytes = 0;
  private header: IdxHeader | undefined;
  private items = 0;
  /** The kept bytes: those of the first `items` items. */
  private data = new Uint8Array(0);
  private dataBytes = 0;
  private declared = 0;

  constructor(name: string, options: ReadIdxOptions = {}) {
    this.name = name;
    this.maxItems = options.maxItems;
  }

  push(chunk: Uint8Array): void {
    let at = 0;
    while (!this.header && at < chunk.length) {
      const wanted = headerLength(this.head.subarray(0, this.headBytes));
      const take = Math.min(wanted - this.headBytes, chunk.length - at);
      this.head.set(chunk.subarray(at, at + take), this.headBytes);
      this.headBytes += take;
      at += take;
      if (this.headBytes === headerLength(this.head.subarray(0, this.headBytes))) this.begin(parseIdxHeader(this.head.subarray(0, this.headBytes), this.name));
    }
    if (!this.header || at === chunk.length) return;
    const rest = chunk.subarray(at);
    if (this.dataBytes < this.data.length) this.data.set(rest.subarray(0, this.data.length - this.dataBytes), this.dataBytes);
    this.dataBytes += rest.length;
    if (this.dataBytes > this.declared) checkSize(this.header, this.dataBytes, this.name, true);
  }

  private begin(header: IdxHeader): void {
    this.header = header;
    this.items = itemsToRead(header, this.maxItems);
    this.data = new Uint8Array(this.items * itemValues(header) * dtypeSize(header.dtype));
    this.declared = declaredDataBytes(header);
  }

  /** The input has ended: the decoded items, once the size is checked against the header. */
  end(): IdxArray {
    const header = this.header ?? parseIdxHeader(this.head.subarray(0, this.headBytes), this.name);
    checkSize(header, this.dataBytes, this.name);
    return idxResult(header, this.items, this.data);
  }
}
