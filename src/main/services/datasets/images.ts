/**
 * Image-folder datasets read from disk: image-folder.ts lists, splits,
 * decodes and resizes; this gives it the folder with messages that say which
 * folder or picture could not be read.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetRef } from '../../../shared/document/schema.ts';
import type { DatasetInfo, LoadedDataset } from '../../../shared/protocol/datasets.ts';
import { fileError } from './errors.ts';
import { type PictureFolder, describeImageFolder, loadImageFolder, pictureLabel } from './image-folder.ts';
import type { ProgressFn } from './progress.ts';

export type ImagesRef = Extract<DatasetRef, { kind: 'images' }>;

function pictureFolder(root: string): PictureFolder {
  const pathOf = (parts: readonly string[]): string => join(root, ...parts);
  return {
    pathOf,
    list: (parts) => readdir(pathOf(parts), { withFileTypes: true }).catch((e: unknown) => Promise.reject(fileError(pathOf(parts), e, 'folder'))),
    read: (parts) => readFile(pathOf(parts)).catch((e: unknown) => Promise.reject(fileError(pictureLabel(parts), e))),
  };
}

export interface ImagesLoadOptions {
  /** The ref's folder resolved by the caller. */
  readonly folder: string;
  readonly seed: number;
  readonly onProgress?: ProgressFn;
}

export function loadImages(ref: ImagesRef, options: ImagesLoadOptions): Promise<LoadedDataset> {
  return loadImageFolder(pictureFolder(options.folder), ref, options.seed, options.onProgress);
}

/** Counts without decoding, for the data panel. */
export function describeImages(ref: ImagesRef, folder: string): Promise<DatasetInfo> {
  return describeImageFolder(pictureFolder(folder), ref);
}
