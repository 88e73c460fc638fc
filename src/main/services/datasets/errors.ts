/**
 * Dataset errors from the file system's side: the short names messages use
 * and errno codes put into words. The error type itself is in
 * dataset-error.ts, free of Node imports.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';
import { DatasetError } from './dataset-error.ts';

export { DatasetError, count, isDatasetError, type DatasetErrorWhere } from './dataset-error.ts';

/** The short name used in messages: people recognise "train.csv" faster than a long path. */
export function shortName(path: string): string {
  return basename(path) || path;
}

/**
 * Turns a failure from the file system into a DatasetError that says which
 * file and why, in words rather than an errno code.
 */
export function fileError(path: string, e: unknown, what = 'file'): DatasetError {
  if (e instanceof DatasetError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  const why =
    code === 'ENOENT' ? `the ${what} does not exist`
    : code === 'EACCES' || code === 'EPERM' ? `permission to read the ${what} was denied`
    : code === 'EISDIR' ? 'it is a folder, not a file'
    : code === 'ENOTDIR' ? 'it is not a folder'
    : e instanceof Error ? e.message
    : String(e);
  return new DatasetError(`Cannot read ${path}: ${why}.`, { file: path }, { cause: e });
}

/** Opens a dataset file for reading; a failure becomes fileError's message. */
export async function openDataFile(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (e) {
    throw fileError(path, e);
  }
}
