/**
 * Choosing data files and folders. The in-app file dialog is used in both
 * hosts: the native dialog behind showOpenDialog is for projects only and
 * cannot pick folders. Paths inside the project's folder come back relative
 * to it (see projectRelative).
 */
import type { DatasetRef } from '../../../../../shared/document/index.ts';
import type { NetwrightApi } from '../../../../../shared/protocol/index.ts';
import type { UiState } from '../../app/ui-state.svelte.ts';
import { projectRelative } from './dataset-edit.ts';
import type { DatasetKind } from './dataset-schema.ts';

const isAbsolute = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
const parent = (p: string) => p.replace(/[\\/]+$/, '').replace(/[\\/][^\\/]*$/, '');

/** The folder the dialog opens in: where the current file is, else the project's folder, else the host's root. */
export function startFolder(current: string | undefined, projectPath: string | null): string {
  const projectDir = projectPath ? parent(projectPath) : '';
  if (!current) return projectDir;
  const absolute = isAbsolute(current) ? current : projectDir ? `${projectDir}/${current}` : '';
  return absolute ? parent(absolute) : projectDir;
}

export async function pickDataPath(ui: UiState, mode: 'data' | 'folder', current: string | undefined, projectPath: string | null): Promise<string | null> {
  const path = await ui.chooseFile(mode, startFolder(current, projectPath));
  return path ? projectRelative(path, projectPath) : null;
}

/** A target no file has: the preview then shows the table with its headers and says the target is missing. */
const PROBE_TARGET = '\u2063netwright-probe';

/**
 * The target of a newly chosen CSV: its last column, the usual place for the
 * label. Falls back to "label" when the file cannot be read; the preview of
 * the committed ref then shows why.
 */
export async function guessTarget(api: NetwrightApi, path: string, projectPath: string | null): Promise<string> {
  try {
    const probe = await api.previewDataset({ kind: 'csv', path, target: PROBE_TARGET, scaling: 'none', task: 'classification', testRatio: 0.2 }, projectPath);
    if (probe.ok && probe.preview.kind === 'table') return probe.preview.headers.at(-1) ?? 'label';
  } catch {
    // The preview of the committed ref will report the failure.
  }
  return 'label';
}

/** Asks for the file or folder a file-based dataset needs and makes its first settings; null when the user cancels. */
export async function newFileRef(api: NetwrightApi, ui: UiState, kind: DatasetKind, projectPath: string | null): Promise<DatasetRef | null> {
  switch (kind) {
    case 'csv': {
      const path = await pickDataPath(ui, 'data', undefined, projectPath);
      if (!path) return null;
      return { kind: 'csv', path, target: await guessTarget(api, path, projectPath), scaling: 'standard', task: 'classification', testRatio: 0.2 };
    }
    case 'idx': {
      const trainImages = await pickDataPath(ui, 'data', undefined, projectPath);
      if (!trainImages) return null;
      // MNIST's naming: train-images-idx3-ubyte sits beside train-labels-idx1-ubyte.
      const name = trainImages.replace(/^.*[\\/]/, '');
      const labels = name.replace(/images/i, (m) => (m === 'IMAGES' ? 'LABELS' : 'labels')).replace('idx3', 'idx1');
      return { kind: 'idx', trainImages, trainLabels: trainImages.slice(0, trainImages.length - name.length) + labels };
    }
    case 'images': {
      const folder = await pickDataPath(ui, 'folder', undefined, projectPath);
      if (!folder) return null;
      return { kind: 'images', folder, width: 32, height: 32, grayscale: false, testRatio: 0.2 };
    }
    case 'cifar10': {
      const folder = await pickDataPath(ui, 'folder', undefined, projectPath);
      return folder ? { kind: 'cifar10', folder } : null;
    }
    case 'builtin':
    case 'generated':
      return null;
    default: {
      const never: never = kind;
      throw new Error(`unknown dataset kind ${String(never)}`);
    }
  }
}
