/**
 * The one error type dataset loaders throw. Its message is written for the
 * person who picked the file: it names the file, the line or the image and
 * says what is wrong, so hosts can show it as is, without a stack trace.
 */
import { basename } from 'node:path';

export interface DatasetErrorWhere {
  /** The file or folder at fault, as the user knows it (absolute or as written in the project). */
  readonly file?: string;
  /** 1-based line of a text file. */
  readonly line?: number;
}

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  readonly file?: string;
  readonly line?: number;

  constructor(message: string, where: DatasetErrorWhere = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.file = where.file;
    this.line = where.line;
  }
}

export function isDatasetError(e: unknown): e is DatasetError {
  return e instanceof DatasetError;
}

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

/** 1234567 → "1,234,567", so that byte counts in messages can be read at a glance. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
