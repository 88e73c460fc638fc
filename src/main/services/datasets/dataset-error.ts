/**
 * The one error type dataset loaders throw. Its message is written for the
 * person who picked the file: it names the file, the line or the image and
 * says what is wrong, so hosts can show it as is, without a stack trace.
 * No Node imports here: the parsers that throw it are copied into exported
 * projects along with it.
 */

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

/** 1234567 → "1,234,567", so that byte counts in messages can be read at a glance. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
