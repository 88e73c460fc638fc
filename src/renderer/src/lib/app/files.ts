/**
 * New, Open, Save, Save As, Export and recovery: the file commands, written
 * once for both hosts. Native dialogs answer with a path; in browser mode the
 * host answers `in-app` and the UI's own file dialog asks instead. A file that
 * does not open leaves the current work exactly as it was.
 */
import { PROJECT_EXTENSION, type NetwrightApi } from '../api.ts';
import type { GraphDoc } from '../../../../shared/document/index.ts';
import { emptyDocument } from '../../../../shared/document/index.ts';
import { getTemplate } from '../../../../shared/templates/index.ts';
import { laidOut } from '../editor/layout.ts';
import type { EditorStore } from '../editor/store.ts';
import type { FileDialogMode, UiState } from './ui-state.svelte.ts';

/** Time between autosaves of unsaved work to the recovery file. */
export const AUTOSAVE_MS = 3000;

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** A file name from the project title: "Fashion-MNIST MLP" → "Fashion-MNIST MLP.nwproj.json". */
function fileNameFor(doc: GraphDoc, ext: string): string {
  const stem = doc.meta.name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'Untitled';
  return `${stem}${ext}`;
}

export class FileCommands {
  /** The autosave in flight, if any; saving waits for it before deleting the recovery file. */
  #autosaving: Promise<void> = Promise.resolve();
  #lastAutosaved: GraphDoc | null = null;

  constructor(
    private readonly api: NetwrightApi,
    private readonly store: EditorStore,
    private readonly ui: UiState,
    private readonly afterLoad: () => void,
  ) {}

  async #pickPath(mode: FileDialogMode, suggested: string): Promise<string | null> {
    const outcome = mode === 'open' ? await this.api.showOpenDialog() : await this.api.showSaveDialog(suggested, mode === 'export' ? 'typescript' : 'project');
    switch (outcome.type) {
      case 'chosen':
        return outcome.path;
      case 'cancelled':
        return null;
      case 'in-app':
        return this.ui.chooseFile(mode, suggested);
      default: {
        const never: never = outcome;
        throw new Error(`unknown dialog outcome ${JSON.stringify(never)}`);
      }
    }
  }

  /** Asks before unsaved work would be replaced; false means the user cancelled. */
  async #settleUnsaved(): Promise<boolean> {
    if (!this.store.dirty) return true;
    const choice = await this.ui.confirm('Unsaved changes', `Save the changes to "${this.store.doc.meta.name}" first?`, ['Save', "Don't save", 'Cancel']);
    if (choice === 'Save') return this.save();
    return choice === "Don't save";
  }

  async newFromTemplate(id: string | null): Promise<void> {
    if (!(await this.#settleUnsaved())) return;
    try {
      const doc = id ? laidOut(await this.#template(id)) : emptyDocument();
      this.store.load(doc, null);
      this.ui.banner = null;
      const opensIn = id ? getTemplate(id)?.opensIn : undefined;
      this.ui.canvasView = opensIn ? 'units' : 'layers';
      this.ui.explain = opensIn === 'explain';
      this.ui.worked = (id && getTemplate(id)?.worked) || null;
      this.afterLoad();
    } catch (err) {
      this.ui.banner = { kind: 'error', title: 'Could not create the project', message: (err as Error).message };
    }
  }

  /** The host's template, or the bundled one while the host is out of reach. */
  async #template(id: string): Promise<GraphDoc> {
    try {
      return await this.api.newFromTemplate(id);
    } catch (err) {
      const local = getTemplate(id);
      if (!local) throw err;
      return local.build();
    }
  }

  async open(): Promise<void> {
    if (!(await this.#settleUnsaved())) return;
    const path = await this.#pickPath('open', '');
    if (path) await this.openPath(path, false);
  }

  /** Opens a file; on failure shows why and keeps the current graph. */
  async openPath(path: string, ask = true): Promise<boolean> {
    if (ask && !(await this.#settleUnsaved())) return false;
    const result = await this.api.openProject(path);
    if (!result.ok) {
      this.ui.banner = { kind: 'error', title: `Could not open ${baseName(path)}`, message: `${result.message}\nYour current project is unchanged.` };
      return false;
    }
    this.store.load(result.doc, result.path);
    this.ui.worked = null;
    this.ui.banner = result.migrated.length
      ? { kind: 'info', title: 'Upgraded from an older format', message: `${result.migrated.join('; ')}. Save to keep the upgrade.` }
      : null;
    this.afterLoad();
    return true;
  }

  /** Saves to the current file, or asks for one; true when the work is on disk. */
  async save(): Promise<boolean> {
    const path = this.store.path;
    return path ? this.#write(path) : this.saveAs();
  }

  async saveAs(): Promise<boolean> {
    const path = await this.#pickPath('save', this.store.path ? baseName(this.store.path) : fileNameFor(this.store.doc, PROJECT_EXTENSION));
    return path ? this.#write(path) : false;
  }

  async #write(path: string): Promise<boolean> {
    const result = await this.api.saveProject(path, this.store.doc);
    if (!result.ok) {
      this.ui.banner = { kind: 'error', title: `Could not save ${baseName(path)}`, message: result.message };
      return false;
    }
    this.store.markSaved(result.path);
    this.ui.showToast(`Saved ${baseName(result.path)}`);
    // An autosave that began before the save may still be writing: let it land first, or it would outlive the discard.
    await this.#autosaving;
    await this.api.discardRecovery();
    this.#lastAutosaved = null;
    return true;
  }

  /** Writes the exported program; the export dialog calls this with the code it previewed. */
  async exportTypeScript(): Promise<boolean> {
    const path = await this.#pickPath('export', fileNameFor(this.store.doc, '.ts').replace(/\s+/g, '-').toLowerCase());
    if (!path) return false;
    const result = await this.api.exportTypeScript(this.store.doc, path);
    if (!result.ok) {
      this.ui.banner = { kind: 'error', title: 'Export failed', message: result.message };
      return false;
    }
    this.ui.showToast(`Exported to ${result.path}`);
    return true;
  }

  /** At start-up: offers work an earlier session left unsaved. */
  async offerRecovery(): Promise<void> {
    const recovery = await this.api.takeRecovery();
    if (!recovery) return;
    if (await this.ui.askRecovery(recovery)) {
      this.store.load(recovery.doc, recovery.path, { dirty: true });
      this.afterLoad();
    } else await this.api.discardRecovery();
  }

  /** Called every few seconds: keeps the recovery file in step with unsaved work. */
  async autosave(): Promise<void> {
    const doc = this.store.doc;
    if (!this.store.dirty || doc === this.#lastAutosaved) return;
    this.#lastAutosaved = doc;
    const writing = this.api.writeRecovery(doc, this.store.path);
    this.#autosaving = writing.catch(() => {});
    await writing;
  }

  async saveAndClose(): Promise<void> {
    if (await this.save()) {
      await this.api.discardRecovery();
      await this.api.closeWindow();
    }
  }
}
