/**
 * The application: one EditorStore, the UI state, the host API and the canvas,
 * and `run(command)` — the single entry for menu items, toolbar buttons, host
 * menu events and keyboard shortcuts. Created once in main.ts and handed down
 * through Svelte context.
 */
import { getContext, setContext } from 'svelte';
import type { HostInfo, MenuCommand, NetwrightApi, TrainingCommand } from '../api.ts';
import type { Diagnostic } from '../../../../shared/analysis/index.ts';
import type { XY } from '../editor/commands.ts';
import type { Size } from '../editor/layout.ts';
import { EditorStore } from '../editor/store.ts';
import { Searches } from '../panels/search/searches.svelte.ts';
import { Trainer, type TrainingApi } from '../training/trainer.svelte.ts';
import { FileCommands } from './files.ts';
import { UiState } from './ui-state.svelte.ts';

/** What the canvas offers the rest of the app; registered by the canvas once Svelte Flow is up. */
export interface CanvasHandle {
  fitView(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** The flow coordinates at the middle of the visible canvas. */
  viewCentre(): XY;
  /** Pans (keeping the zoom) so that the node is in the middle. */
  centreOn(id: string): void;
  /** Measured sizes of the layers, for auto-layout. */
  nodeSizes(): Map<string, Size>;
}

const KEY = Symbol('netwright-app');

export class AppController {
  readonly store = new EditorStore();
  readonly ui = new UiState();
  readonly files: FileCommands;
  readonly training: Trainer;
  readonly searches: Searches;
  host = $state.raw<HostInfo | null>(null);
  connection = $state<'connecting' | 'open' | 'reconnecting' | 'closed'>('connecting');
  canvas: CanvasHandle | null = null;
  /** Used when the system clipboard is out of reach (no permission, no focus). */
  #clipboard: string | null = null;

  constructor(readonly api: NetwrightApi) {
    this.files = new FileCommands(api, this.store, this.ui, () => this.canvas?.fitView());
    this.training = new Trainer(api satisfies TrainingApi, this.store, this.ui);
    this.searches = new Searches(api, this.store, this.ui);
  }

  get mac(): boolean {
    const platform = this.host?.platform ?? (typeof navigator !== 'undefined' ? navigator.platform : '');
    return /darwin|mac/i.test(platform);
  }

  /** The name shown in the title bar: the file's name, or the project's while it has none. */
  get title(): string {
    const path = this.store.path;
    return path ? (path.split(/[\\/]/).pop() ?? path) : this.store.doc.meta.name || 'Untitled';
  }

  provide(): void {
    setContext(KEY, this);
  }

  /** Adds a layer where the user is looking, nudged so that repeated adds do not stack exactly. */
  addAtCentre(kind: string): void {
    const c = this.canvas?.viewCentre() ?? { x: 0, y: 0 };
    const crowd = this.store.doc.nodes.filter((n) => Math.abs(n.position.x - (c.x - 90)) < 30 && Math.abs(n.position.y - (c.y - 40)) < 30).length;
    this.store.addNode(kind, { x: c.x - 90 + crowd * 24, y: c.y - 40 + crowd * 24 });
  }

  /** Selects a layer and pans the canvas to it. */
  focusNode(id: string): void {
    this.store.select({ nodes: [id], edges: [] });
    this.canvas?.centreOn(id);
  }

  showDiagnostic(d: Diagnostic): void {
    if (d.nodeId) this.focusNode(d.nodeId);
    else if (d.edgeId) this.store.select({ nodes: [], edges: [d.edgeId] });
  }

  applyFix(d: Diagnostic): void {
    this.store.applyFix(d);
    this.ui.showToast(`Applied: ${d.fix?.label}`);
  }

  /** Copies the selection as project JSON to the system clipboard when allowed, and always to memory. */
  async copy(cut = false): Promise<void> {
    const text = cut ? this.store.cut() : this.store.copy();
    if (!text) return;
    this.#clipboard = text;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No permission or no focus: the in-memory copy still pastes in this window.
    }
  }

  /** Remembers text that a DOM copy event put on the system clipboard. */
  rememberCopied(text: string): void {
    this.#clipboard = text;
  }

  /** Pastes project JSON: text from a paste event, else the system clipboard, else memory. */
  async paste(text?: string): Promise<void> {
    let source = text;
    if (source === undefined) {
      try {
        source = await Promise.race([navigator.clipboard.readText(), new Promise<string>((_, reject) => setTimeout(() => reject(new Error('timeout')), 600))]);
      } catch {
        source = undefined;
      }
    }
    if (source !== undefined && this.store.paste(source)) return;
    if (this.#clipboard && this.store.paste(this.#clipboard)) return;
    this.ui.showToast('Nothing to paste: copy some layers first', 'error');
  }

  async runTraining(command: TrainingCommand): Promise<void> {
    switch (command) {
      case 'train.start':
        // One trainer at a time: a search's trial timings stay comparable (see services/search/service.ts).
        if (this.searches.active) return void this.ui.showToast('A search is running: stop it, or wait for it to end, before training on your own', 'error');
        return this.training.start();
      case 'train.pause':
        return this.training.togglePause();
      case 'train.stop':
        return this.training.stop();
      default:
        throw new Error(`unknown training command ${String(command satisfies never)}`);
    }
  }

  async run(command: MenuCommand): Promise<void> {
    const { store, ui, files } = this;
    switch (command) {
      case 'file.new':
        ui.dialog = { type: 'gallery' };
        return;
      case 'file.open':
        return files.open();
      case 'file.save':
        await files.save();
        return;
      case 'file.save-as':
        await files.saveAs();
        return;
      case 'file.export-typescript':
        ui.dialog = { type: 'export' };
        return;
      case 'edit.undo': {
        const label = store.undo();
        if (label) ui.showToast(`Undid ${label}`);
        return;
      }
      case 'edit.redo': {
        const label = store.redo();
        if (label) ui.showToast(`Redid ${label}`);
        return;
      }
      case 'edit.cut':
        return this.copy(true);
      case 'edit.copy':
        return this.copy();
      case 'edit.paste':
        return this.paste();
      case 'edit.duplicate':
        store.duplicate();
        return;
      case 'edit.delete':
        store.deleteSelection();
        return;
      case 'edit.select-all':
        store.selectAll();
        return;
      case 'view.zoom-in':
        this.canvas?.zoomIn();
        return;
      case 'view.zoom-out':
        this.canvas?.zoomOut();
        return;
      case 'view.fit':
        this.canvas?.fitView();
        return;
      case 'view.auto-layout':
        store.autoLayout(this.canvas?.nodeSizes());
        this.canvas?.fitView();
        return;
      case 'view.units':
        ui.canvasView = ui.canvasView === 'units' ? 'layers' : 'units';
        // Keys such as Delete act on the selection, which the units view does not show.
        if (ui.canvasView === 'units') store.select({ nodes: [], edges: [] });
        return;
      case 'view.toggle-palette':
        ui.palette = !ui.palette;
        return;
      case 'view.toggle-inspector':
        ui.side = !ui.side;
        return;
      case 'view.toggle-bottom-panel':
        ui.dock = !ui.dock;
        if (ui.dock && ui.dockTab === 'runs') void this.training.refreshRuns();
        return;
      case 'app.save-and-close':
        return files.saveAndClose();
      default: {
        const never: never = command;
        throw new Error(`unknown command ${String(never)}`);
      }
    }
  }
}

export function useApp(): AppController {
  return getContext<AppController>(KEY);
}
