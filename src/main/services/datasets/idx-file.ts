/** Reads IDX files from disk for the app: only as far as asked where the file is not gzipped. */
import type { FileHandle } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { DatasetError, fileError, openDataFile, shortName } from './errors.ts';
import { type IdxArray, type ReadIdxOptions, IdxReader, MAX_HEADER_BYTES, checkSize, dtypeSize, gzipDamaged, idxResult, isGzip, itemValues, itemsToRead, parseIdxHeader } from './idx.ts';

/**
 * Inflates a gzipped file as a stream into an IdxReader: the header is
 * checked before the rest is inflated, only the items asked for are kept,
 * and inflating stops once the data outgrows the header.
 */
async function readGzipped(file: FileHandle, name: string, options: ReadIdxOptions): Promise<IdxArray> {
  const reader = new IdxReader(name, options);
  const source = file.createReadStream({ start: 0, autoClose: false });
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip) reader.push(chunk as Uint8Array);
  } catch (e) {
    // zlib's failures have codes such as Z_DATA_ERROR; the file system's go on to fileError.
    if ((e as { code?: unknown }).code?.toString().startsWith('Z_')) throw gzipDamaged(name, e);
    throw e;
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  return reader.end();
}

/**
 * Reads an IDX file from disk. Plain files are read only as far as needed;
 * gzipped ones are inflated as a stream because gzip cannot be entered midway.
 */
export async function readIdx(path: string, options: ReadIdxOptions = {}): Promise<IdxArray> {
  const name = shortName(path);
  const file = await openDataFile(path);
  try {
    const size = (await file.stat()).size;
    const head = new Uint8Array(Math.min(size, MAX_HEADER_BYTES));
    await file.read(head, 0, head.length, 0);
    if (isGzip(head)) return await readGzipped(file, name, options);
    const header = parseIdxHeader(head, name);
    checkSize(header, size - header.dataOffset, name);
    const items = itemsToRead(header, options.maxItems);
    const data = new Uint8Array(items * itemValues(header) * dtypeSize(header.dtype));
    // read() may stop short on large requests, so keep going until the buffer is full.
    for (let done = 0; done < data.length; ) {
      const { bytesRead } = await file.read(data, done, data.length - done, header.dataOffset + done);
      if (bytesRead === 0) throw new DatasetError(`${name}: the file ended early while reading; was it changed during loading?`, { file: path });
      done += bytesRead;
    }
    return idxResult(header, items, data);
  } catch (e) {
    throw fileError(path, e);
  } finally {
    await file.close();
  }
}
