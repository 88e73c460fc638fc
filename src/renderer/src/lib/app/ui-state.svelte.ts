/**
 * UI state that is not the document: which dialog is open, which panels show,
 * messages for the user. Dialogs that answer something (a file path, a
 * choice) are promises, so the file commands read as straight-line code.
 */
import type { Recovery } from '../api.ts';
import type { WorkedExample } from '../../../../shared/templates/types.ts';

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
export type DockTab = 'curves' | 'weights' | 'boundary' | 'activations' | 'evaluation' | 'try' | 'runs';

/** What the canvas draws: the layers (the editor), or, for small dense chains, every unit and weight. */
export type CanvasView = 'layers' | 'units';

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
  /** The lesson card over the canvas: open, or folded to a small button. Kept across projects, so that a reader who folded it is not shown it again on the next template. */
  lessonOpen = $state(true);
  /** How far down the canvas the lesson card (or its folded button) reaches, in px; fitting the view keeps the network below it. */
  lessonInset = $state(0);
  /** The Boundary tab's switches: test points drawn (hollow) over the picture, and the output as flat class colours without the confidence shading. */
  boundaryTest = $state(true);
  boundaryDiscrete = $state(false);
  /** How the dashboard's Runs view lists the runs: one line each with actions, or a sortable table of their settings and figures. */
  runsView = $state<'list' | 'table'>('list');
  canvasView = $state<CanvasView>('layers');
  /** The units view's "Explain a step" mode. */
  explain = $state(false);
  /** The starting weights and sample of the template the project came from (the 2-2-1 worked example), for Explain a step before any run. */
  worked = $state.raw<WorkedExample | null>(null);
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
