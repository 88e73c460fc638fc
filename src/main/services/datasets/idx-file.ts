/** Reads IDX files from disk for the app: only as far as asked where the file is not gzipped. */
import { readFile } from 'node:fs/promises';
import { DatasetError, fileError, openDataFile, shortName } from './errors.ts';
import { type IdxArray, type ReadIdxOptions, MAX_DIMS, checkSize, dtypeSize, idxResult, isGzip, itemsToRead, parseIdx, parseIdxHeader } from './idx.ts';

/**
 * Reads an IDX file from disk. Plain files are read only as far as needed;
 * gzipped ones are inflated whole because gzip cannot be entered midway.
 */
export async function readIdx(path: string, options: ReadIdxOptions = {}): Promise<IdxArray> {
  const name = shortName(path);
  const file = await openDataFile(path);
  try {
    const size = (await file.stat()).size;
    const head = new Uint8Array(Math.min(size, 4 + 4 * MAX_DIMS));
    await file.read(head, 0, head.length, 0);
    if (isGzip(head)) return parseIdx(await readFile(path), name, options);
    const header = parseIdxHeader(head, name);
    checkSize(header, size - header.dataOffset, name);
    const items = itemsToRead(header, options.maxItems);
    const perItem = header.dims.slice(1).reduce((a, b) => a * b, 1);
    const data = new Uint8Array(items * perItem * dtypeSize(header.dtype));
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
