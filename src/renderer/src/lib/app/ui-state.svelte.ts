/**
 * UI state that is not the document: which dialog is open, which panels show,
 * messages for the user. Dialogs that answer something (a file path, a
 * choice) are promises, so the file commands read as straight-line code.
 */
import type { Recovery } from '../api.ts';

/** `data`: any file to read (CSV, IDX); `folder`: a folder, e.g. of class sub-folders of images. */
export type FileDialogMode = 'open' | 'save' | 'export' | 'data' | 'folder';

export type Dialog =
  | { readonly type: 'none' }
  | { readonly type: 'gallery' }
  | { readonly type: 'export' }
  | { readonly type: 'file'; readonly mode: FileDialogMode; readonly suggested: string; readonly resolve: (path: string | null) => void }
  | { readonly type: 'recovery'; readonly recovery: Recovery; readonly resolve: (restore: boolean) => void }
  | { readonly type: 'confirm'; readonly title: string; readonly message: string; readonly choices: readonly string[]; readonly resolve: (choice: string | null) => void };

/** A message that stays until dismissed: a file that would not open, a save that failed. */
export interface Banner {
  readonly kind: 'error' | 'info';
  readonly title: string;
  readonly message: string;
}

export type SideTab = 'inspector' | 'summary' | 'diagnostics' | 'data' | 'train' | 'search';

/** Views of the training dashboard under the canvas. */
export type DockTab = 'curves' | 'weights' | 'boundary' | 'evaluation' | 'try' | 'runs';

/** The dashboard's height limits in pixels; a drag of its top edge resizes it between them. */
export const DOCK_MIN = 170;
export const DOCK_DEFAULT = 330;

export class UiState {
  dialog = $state.raw<Dialog>({ type: 'none' });
  banner = $state.raw<Banner | null>(null);
  /** A short note that fades (e.g. "Exported to model.ts", or why a connection was refused). */
  toast = $state.raw<{ readonly text: string; readonly kind: 'info' | 'error'; readonly id: number } | null>(null);
  palette = $state(true);
  side = $state(true);
  status = $state(true);
  sideTab = $state<SideTab>('inspector');
  /** The training dashboard under the canvas (Ctrl+J). */
  dock = $state(false);
  dockTab = $state<DockTab>('curves');
  dockHeight = $state(DOCK_DEFAULT);
  /** How the dashboard's Runs view lists the runs: one line each with actions, or a sortable table of their settings and figures. */
  runsView = $state<'list' | 'table'>('list');
  #toastTimer: ReturnType<typeof setTimeout> | undefined;

  showToast(text: string, kind: 'info' | 'error' = 'info', ms = 4000): void {
    clearTimeout(this.#toastTimer);
    this.toast = { text, kind, id: (this.toast?.id ?? 0) + 1 };
    this.#toastTimer = setTimeout(() => (this.toast = null), ms);
  }

  closeDialog(): void {
    this.dialog = { type: 'none' };
  }

  chooseFile(mode: FileDialogMode, suggested: string): Promise<string | null> {
    return new Promise((resolve) => {
      this.dialog = {
        type: 'file',
        mode,
        suggested,
        resolve: (path) => {
          this.closeDialog();
          resolve(path);
        },
      };
    });
  }

  confirm(title: string, message: string, choices: readonly string[]): Promise<string | null> {
    return new Promise((resolve) => {
      this.dialog = {
        type: 'confirm',
        title,
        message,
        choices,
        resolve: (choice) => {
          this.closeDialog();
          resolve(choice);
        },
      };
    });
  }

  askRecovery(recovery: Recovery): Promise<boolean> {
    return new Promise((resolve) => {
      this.dialog = {
        type: 'recovery',
        recovery,
        resolve: (restore) => {
          this.closeDialog();
          resolve(restore);
        },
      };
    });
  }
}
