/**
 * What the renderer can say about a dataset without asking the host: the
 * built-in sets have fixed shapes and generated sets are described by their
 * generator, so the shape check answers at once while the preview loads.
 * Files (CSV, IDX, image folders, CIFAR-10) need the host's preview to be known.
 */
import type { DatasetRef } from '../../../../../shared/document/index.ts';
import { BUILTIN_SETS, describeBuiltin, describeGenerated, GENERATORS } from '../../../../../shared/datasets/index.ts';
import type { DatasetInfo } from '../../../../../shared/protocol/index.ts';

/** The name a person calls the set by, for messages: "MNIST", "XOR", "iris.csv". */
export function datasetName(ref: DatasetRef): string {
  switch (ref.kind) {
    case 'builtin':
      return BUILTIN_SETS[ref.name].title;
    case 'generated':
      return GENERATORS[ref.name].title;
    case 'csv':
      return baseName(ref.path);
    case 'idx':
      return baseName(ref.trainImages);
    case 'images':
      return baseName(ref.folder);
    case 'cifar10':
      return 'CIFAR-10';
    default: {
      const never: never = ref;
      throw new Error(`unknown dataset kind ${JSON.stringify(never)}`);
    }
  }
}

export function baseName(path: string): string {
  return path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || path;
}

export type KnownInfo = { readonly ok: true; readonly info: DatasetInfo } | { readonly ok: false; readonly message: string };

/** The description of a built-in or generated set, null for file-based sets (ask the host), or why the settings cannot work. */
export function knownInfo(ref: DatasetRef): KnownInfo | null {
  switch (ref.kind) {
    case 'builtin':
      return { ok: true, info: describeBuiltin(ref) };
    case 'generated':
      try {
        return { ok: true, info: describeGenerated(ref) };
      } catch (e) {
        return { ok: false, message: (e as Error).message };
      }
    case 'csv':
    case 'idx':
    case 'images':
    case 'cifar10':
      return null;
    default: {
      const never: never = ref;
      throw new Error(`unknown dataset kind ${JSON.stringify(never)}`);
    }
  }
}
