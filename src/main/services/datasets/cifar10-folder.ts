/**
 * CIFAR-10 read from the folder the user unpacked: cifar10.ts decodes; this
 * gives it the folder from disk, with messages that say which folder or file
 * could not be read and what to choose instead.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetRef } from '../../../shared/document/schema.ts';
import type { DatasetInfo, LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { CIFAR_FOLDER_NAME, type CifarFolder, describeCifar10, loadCifar10 } from './cifar10.ts';
import { DatasetError, fileError, openDataFile } from './errors.ts';
import type { ProgressFn } from './progress.ts';

export type Cifar10Ref = Extract<DatasetRef, { kind: 'cifar10' }>;

/** What the user should do when the folder itself cannot be listed. */
const CHOOSE = `Choose the folder where you unpacked ${CIFAR_FOLDER_NAME} (from cifar-10-binary.tar.gz at https://www.cs.toronto.edu/~kriz/cifar.html).`;

async function readStart(path: string, bytes: number): Promise<Uint8Array> {
  const file = await openDataFile(path);
  try {
    const data = new Uint8Array(bytes);
    // read() may stop short on large requests, so keep going until the buffer is full or the file ends.
    let done = 0;
    while (done < bytes) {
      const { bytesRead } = await file.read(data, done, bytes - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return data.subarray(0, done);
  } catch (e) {
    throw fileError(path, e);
  } finally {
    await file.close();
  }
}

export function cifarFolder(root: string): CifarFolder {
  const pathOf = (name?: string): string => (name === undefined ? root : join(root, name));
  return {
    pathOf,
    list: async () => {
      try {
        return await readdir(root);
      } catch (e) {
        const error = fileError(root, e, 'folder');
        throw new DatasetError(`${error.message} ${CHOOSE}`, { file: root }, { cause: e });
      }
    },
    size: async (name) => (await stat(pathOf(name)).catch((e: unknown) => Promise.reject(fileError(pathOf(name), e)))).size,
    read: (name, bytes) => readStart(pathOf(name), bytes),
    readText: async (name) => {
      try {
        return await readFile(pathOf(name), 'utf8');
      } catch (e) {
        if ((e as { code?: unknown }).code === 'ENOENT') return null;
        throw fileError(pathOf(name), e);
      }
    },
  };
}

/** `folder` is the ref's folder resolved by the caller. */
export function loadCifar10Folder(ref: Cifar10Ref, folder: string, onProgress?: ProgressFn): Promise<LoadedDataset> {
  return loadCifar10(cifarFolder(folder), ref, onProgress);
}

/** Counts and class names without decoding, for the data panel. */
export function describeCifar10Folder(ref: Cifar10Ref, folder: string): Promise<DatasetInfo> {
  return describeCifar10(cifarFolder(folder), ref);
}
