/**
 * The files a dataset reads, so a host can check them against its PathPolicy
 * before a loader or a trainer opens them: in browser mode a page must not
 * train on (and so read, preview or export the labels of) files outside the
 * folder the server shares.
 */
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { DatasetRef } from '../../../shared/document/schema.ts';
import { PathRefused, type PathPolicy } from './paths.ts';

/** Absolute paths of the files and folders `ref` reads; none for built-in and generated sets. */
export function datasetPaths(ref: DatasetRef, baseDir: string): string[] {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  switch (ref.kind) {
    case 'builtin':
    case 'generated':
      return [];
    case 'csv':
      return [at(ref.path)];
    case 'idx':
      return [ref.trainImages, ref.trainLabels, ref.testImages, ref.testLabels].filter((p): p is string => p !== undefined).map(at);
    case 'images':
    case 'cifar10':
      return [at(ref.folder)];
    default:
      throw new Error(`unknown dataset kind ${(ref satisfies never as { kind: string }).kind}`);
  }
}

/** The project's folder, or for a project never saved the shared root (browser mode) or the home folder. */
export function datasetBaseDir(projectPath: string | null, paths: PathPolicy): string {
  return projectPath ? dirname(projectPath) : (paths.root ?? homedir());
}

/**
 * Null when the host may read every file of `ref`, else the reason. Only a
 * host with a root (browser mode) confines datasets; the desktop app reads
 * what the user's own project names, as the CLI does.
 */
export async function refuseDataset(ref: DatasetRef, baseDir: string, paths: PathPolicy): Promise<string | null> {
  if (paths.root === null) return null;
  for (const path of datasetPaths(ref, baseDir)) {
    try {
      await paths.check(path, 'read');
    } catch (err) {
      if (err instanceof PathRefused) return `The dataset cannot be read: ${err.message}`;
      throw err;
    }
  }
  return null;
}
