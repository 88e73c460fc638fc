/**
 * EditorStore: the open document, its analysis, the selection and the undo
 * history. It is plain TypeScript (tested in Node without a DOM); Svelte
 * components see its getters as reactive state through `createSubscriber`,
 * which is a no-op outside the browser. Every edit goes through `commit`,
 * which records a delta according to the edit's capture policy.
 */
import { createSubscriber } from 'svelte/reactivity';
import { analyze, type Analysis, type Diagnostic } from '../../../../shared/analysis/index.ts';
import { emptyDocument, type DatasetRef, type GraphDoc, type ParamValue, type TrainingSettings } from '../../../../shared/document/index.ts';
import { applyTrial } from '../../../../shared/search/apply.ts';
import type { Trial } from '../../../../shared/search/expand.ts';
import type { SearchSpec } from '../../../../shared/search/spec.ts';
import * as cmd from './commands.ts';
import { fromClipboardText, pasteFragment, toClipboardText } from './clipboard.ts';
import { checkConnection, type ConnectionCheck } from './connect.ts';
import { diff, isEmpty, onlyMoves } from './delta.ts';
import { History, type Capture, type SelectionIds } from './history.ts';
import { layoutPositions, type Size } from './layout.ts';

const NOTHING: SelectionIds = { nodes: [], edges: [] };

export class EditorStore {
  #doc: GraphDoc;
  #analysis: Analysis | null = null;
  #saved: GraphDoc;
  #dirty: boolean | null = false;
  #path: string | null = null;
  #selection: SelectionIds = NOTHING;
  readonly #history = new History();
  readonly #listeners = new Set<() => void>();
  #notifyDoc: (() => void) | null = null;
  #notifySelection: (() => void) | null = null;
  readonly #trackDoc = createSubscriber((update) => {
    this.#notifyDoc = update;
    return () => (this.#notifyDoc = null);
  });
  readonly #trackSelection = createSubscriber((update) => {
    this.#notifySelection = update;
    return () => (this.#notifySelection = null);
  });

  constructor(doc: GraphDoc = emptyDocument()) {
    this.#doc = doc;
    this.#saved = doc;
  }

  get doc(): GraphDoc {
    this.#trackDoc();
    return this.#doc;
  }

  /** Recomputed lazily after structural edits; moves keep the previous one. */
  get analysis(): Analysis {
    this.#trackDoc();
    this.#analysis ??= analyze(this.#doc);
    return this.#analysis;
  }

  /** The file the document was opened from or last saved to; null for a new one. */
  get path(): string | null {
    this.#trackDoc();
    return this.#path;
  }

  /** True when the document differs from what was last opened or saved (undoing back to it clears it). */
  get dirty(): boolean {
    this.#trackDoc();
    this.#dirty ??= !isEmpty(diff(this.#saved, this.#doc));
    return this.#dirty;
  }

  get selection(): SelectionIds {
    this.#trackSelection();
    return this.#selection;
  }

  get canUndo(): boolean {
    this.#trackDoc();
    return this.#history.canUndo;
  }

  get canRedo(): boolean {
    this.#trackDoc();
    return this.#history.canRedo;
  }

  get undoLabel(): string | undefined {
    this.#trackDoc();
    return this.#history.undoLabel;
  }

  get redoLabel(): string | undefined {
    this.#trackDoc();
    return this.#history.redoLabel;
  }

  get historySize(): number {
    return this.#history.size;
  }

  /** For code outside Svelte components (title, autosave): called after every document change. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Replaces the document (New, Open, recovery): a fresh history, and clean unless told otherwise. */
  load(doc: GraphDoc, path: string | null, opts: { dirty?: boolean } = {}): void {
    this.#history.clear();
    this.#path = path;
    this.#saved = opts.dirty ? emptyDocument() : doc;
    this.#selection = NOTHING;
    this.#setDoc(doc, false);
    this.#notifySelection?.();
  }

  markSaved(path: string): void {
    this.#path = path;
    this.#saved = this.#doc;
    this.#dirty = false;
    this.#changed();
  }

  /** The one way edits reach the document. */
  commit(label: string, next: GraphDoc, capture: Capture = 'now', select?: SelectionIds): void {
    if (next === this.#doc) return;
    const before = this.#doc;
    const selectionAfter = select ?? this.#selection;
    const delta = diff(before, next);
    this.#history.record(before, next, capture, label, { before: this.#selection, after: selectionAfter }, delta);
    this.#setDoc(next, onlyMoves(delta));
    if (select) this.select(select);
  }

  /** Ends an `eventually` gesture so that it becomes one undo step. */
  endGesture(): void {
    this.#history.flush(this.#doc, this.#selection);
    this.#changed();
  }

  #setDoc(doc: GraphDoc, keepAnalysis: boolean): void {
    this.#doc = doc;
    if (!keepAnalysis) this.#analysis = null;
    this.#dirty = null;
    // Selected ids that no longer exist would confuse delete and copy.
    const nodes = new Set(doc.nodes.map((n) => n.id));
    const edges = new Set(doc.edges.map((e) => e.id));
    const sel = this.#selection;
    if (sel.nodes.some((id) => !nodes.has(id)) || sel.edges.some((id) => !edges.has(id))) {
      this.select({ nodes: sel.nodes.filter((id) => nodes.has(id)), edges: sel.edges.filter((id) => edges.has(id)) });
    }
    this.#changed();
  }

  #changed(): void {
    this.#notifyDoc?.();
    for (const l of this.#listeners) l();
  }

  select(ids: SelectionIds): void {
    // The canvas reports selections in its own order; only membership matters.
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;
    if (same(ids.nodes, this.#selection.nodes) && same(ids.edges, this.#selection.edges)) return;
    this.#selection = { nodes: [...ids.nodes], edges: [...ids.edges] };
    this.#notifySelection?.();
  }

  selectAll(): void {
    this.select({ nodes: this.#doc.nodes.map((n) => n.id), edges: this.#doc.edges.map((e) => e.id) });
  }

  clearSelection(): void {
    this.select(NOTHING);
  }

  addNode(kind: string, at: cmd.XY): string {
    const { doc, id } = cmd.addNode(this.#doc, kind, at);
    this.commit(`Add ${kind}`, doc, 'now', { nodes: [id], edges: [] });
    return id;
  }

  checkConnection(source: string, target: string): ConnectionCheck {
    return checkConnection(this.#doc, this.analysis, source, target);
  }

  /** Connects source → target at the target's next free slot, or says why not. */
  connect(source: string, target: string): ConnectionCheck {
    const check = this.checkConnection(source, target);
    if (!check.ok) return check;
    const { doc } = cmd.addEdge(this.#doc, source, target);
    this.commit('Connect', doc);
    return check;
  }

  deleteSelection(): void {
    const { nodes, edges } = this.#selection;
    if (!nodes.length && !edges.length) return;
    this.commit(nodes.length ? 'Delete layers' : 'Delete connections', cmd.deleteItems(this.#doc, nodes, edges), 'now', NOTHING);
  }

  /** `eventually` while a drag is under way (then call endGesture), `now` for a one-off move. */
  moveNodes(positions: ReadonlyMap<string, cmd.XY>, capture: Capture = 'now'): void {
    this.commit(positions.size > 1 ? 'Move layers' : 'Move layer', cmd.moveNodes(this.#doc, positions), capture);
  }

  setParam(id: string, name: string, value: ParamValue | undefined): void {
    this.commit(`Set ${name}`, cmd.setParam(this.#doc, id, name, value));
  }

  rename(id: string, name: string): void {
    this.commit('Rename layer', cmd.rename(this.#doc, id, name));
  }

  setProjectName(name: string): void {
    this.commit('Rename project', cmd.setProjectName(this.#doc, name));
  }

  /** The project's "try this" note, as one undo step; blank text takes it out. */
  setLesson(text: string): void {
    const lesson = text.trim();
    if (lesson === (this.#doc.meta.lesson ?? '')) return;
    const { lesson: _old, ...meta } = this.#doc.meta;
    this.commit(lesson ? 'Edit lesson' : 'Remove lesson', { ...this.#doc, meta: lesson ? { ...meta, lesson } : meta });
  }

  /** The data panel's choice of dataset (null: none), as one undo step. */
  setDataset(dataset: DatasetRef | null, label = 'Set dataset'): void {
    if (dataset === this.#doc.dataset) return;
    this.commit(label, { ...this.#doc, dataset });
  }

  /** The run panel's training settings, as one undo step. */
  setTraining(training: TrainingSettings, label = 'Set training settings'): void {
    if (training === this.#doc.training) return;
    this.commit(label, { ...this.#doc, training });
  }

  /** The Search tab's search (null takes it out of the project), as one undo step. */
  setSearch(search: SearchSpec | null, label = 'Edit search'): void {
    if (search === (this.#doc.search ?? null)) return;
    const { search: _old, ...rest } = this.#doc;
    this.commit(label, search ? { ...rest, search } : rest);
  }

  /**
   * Puts a trial's configuration on the canvas as one undo step: its layer
   * parameters, repeats and training settings, with the project's search kept
   * (applyTrial alone drops it) so that the search can run again. `spec` is
   * the search the trial came from, which may be an older one than the
   * project's. Returns false when the graph already had those values.
   */
  applyTrial(spec: Pick<SearchSpec, 'dimensions'>, trial: Trial, label = `Apply trial ${trial.index + 1}`): boolean {
    const applied = applyTrial(this.#doc, spec, trial);
    const next = this.#doc.search ? { ...applied, search: this.#doc.search } : applied;
    // applyTrial rebuilds the layers it writes to, so compare values, not identities.
    if (sameValue(next, this.#doc)) return false;
    this.commit(label, next);
    return true;
  }

  applyFix(d: Diagnostic): void {
    if (!d.fix) return;
    const { doc, added } = cmd.applyFix(this.#doc, d.fix, d.nodeId, d.edgeId);
    this.commit(d.fix.label, doc, 'now', added ? { nodes: [added], edges: [] } : undefined);
  }

  /** Project JSON of the selected layers, or undefined when none is selected. */
  copy(): string | undefined {
    return this.#selection.nodes.length ? toClipboardText(this.#doc, this.#selection.nodes) : undefined;
  }

  cut(): string | undefined {
    const text = this.copy();
    if (text) this.deleteSelection();
    return text;
  }

  /** Pastes clipboard text; false when it holds no Netwright layers. */
  paste(text: string, at?: cmd.XY): boolean {
    const piece = fromClipboardText(text);
    if (!piece) return false;
    const { doc, nodeIds, edgeIds } = pasteFragment(this.#doc, piece, at);
    this.commit('Paste', doc, 'now', { nodes: nodeIds, edges: edgeIds });
    return true;
  }

  duplicate(): void {
    const text = this.copy();
    if (text) this.paste(text);
  }

  autoLayout(sizes?: ReadonlyMap<string, Size>): void {
    if (!this.#doc.nodes.length) return;
    this.commit('Auto-layout', cmd.moveNodes(this.#doc, layoutPositions(this.#doc, sizes)));
  }

  undo(): string | undefined {
    const step = this.#history.undo(this.#doc, this.#selection);
    if (!step) return undefined;
    this.#setDoc(step.doc, false);
    this.select(step.selection);
    return step.label;
  }

  redo(): string | undefined {
    const step = this.#history.redo(this.#doc);
    if (!step) return undefined;
    this.#setDoc(step.doc, false);
    this.select(step.selection);
    return step.label;
  }
}

/** Deep equality of plain JSON values, whatever the order of their keys. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
