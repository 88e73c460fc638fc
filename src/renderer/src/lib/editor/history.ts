/**
 * Undo and redo as a stack of deltas, with the capture policy Excalidraw uses:
 * an edit is recorded `now` (one step), `never` (e.g. loading a file, which
 * clears the history instead) or `eventually` (a drag: every intermediate
 * position is applied, and one step covering the whole gesture is recorded
 * when it ends).
 */
import type { GraphDoc } from '../../../../shared/document/index.ts';
import { applyDelta, diff, isEmpty, type Delta } from './delta.ts';

export type Capture = 'now' | 'never' | 'eventually';

/** Ids to select again when a step is undone or redone, so the user sees what changed. */
export interface SelectionIds {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

export interface Entry {
  /** Shown in the Edit menu: "Undo Set units". */
  readonly label: string;
  readonly delta: Delta;
  readonly selectionBefore: SelectionIds;
  readonly selectionAfter: SelectionIds;
}

/** Old steps beyond this are dropped; deltas are small, but a session can be long. */
const LIMIT = 1000;

export class History {
  private undoStack: Entry[] = [];
  private redoStack: Entry[] = [];
  private pending: { base: GraphDoc; label: string; selection: SelectionIds } | null = null;

  get canUndo(): boolean {
    return this.undoStack.length > 0 || this.pending !== null;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  get undoLabel(): string | undefined {
    return this.pending?.label ?? this.undoStack.at(-1)?.label;
  }

  get redoLabel(): string | undefined {
    return this.redoStack.at(-1)?.label;
  }

  /** Number of recorded steps, for tests and the bench. */
  get size(): number {
    return this.undoStack.length;
  }

  /** Notes an edit from `before` to `after`; pass the delta when the caller has computed it already. */
  record(before: GraphDoc, after: GraphDoc, capture: Capture, label: string, selection: { before: SelectionIds; after: SelectionIds }, delta?: Delta): void {
    switch (capture) {
      case 'never':
        return;
      case 'eventually':
        this.pending ??= { base: before, label, selection: selection.before };
        return;
      case 'now': {
        this.flush(before, selection.before);
        this.push({ label, delta: delta ?? diff(before, after), selectionBefore: selection.before, selectionAfter: selection.after });
        return;
      }
      default: {
        const never: never = capture;
        throw new Error(`unknown capture policy ${String(never)}`);
      }
    }
  }

  /** Closes an `eventually` gesture (a drag ended): one step from where it began to `current`. */
  flush(current: GraphDoc, selection: SelectionIds): void {
    if (!this.pending) return;
    const { base, label, selection: before } = this.pending;
    this.pending = null;
    this.push({ label, delta: diff(base, current), selectionBefore: before, selectionAfter: selection });
  }

  private push(entry: Entry): void {
    if (isEmpty(entry.delta)) return;
    this.undoStack.push(entry);
    if (this.undoStack.length > LIMIT) this.undoStack.splice(0, this.undoStack.length - LIMIT);
    this.redoStack = [];
  }

  /** Returns the document one step back and the selection to restore, or undefined at the start. */
  undo(current: GraphDoc, selection: SelectionIds): { doc: GraphDoc; selection: SelectionIds; label: string } | undefined {
    this.flush(current, selection);
    const entry = this.undoStack.pop();
    if (!entry) return undefined;
    this.redoStack.push(entry);
    return { doc: applyDelta(current, entry.delta, false), selection: entry.selectionBefore, label: entry.label };
  }

  redo(current: GraphDoc): { doc: GraphDoc; selection: SelectionIds; label: string } | undefined {
    const entry = this.redoStack.pop();
    if (!entry) return undefined;
    this.undoStack.push(entry);
    return { doc: applyDelta(current, entry.delta, true), selection: entry.selectionAfter, label: entry.label };
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.pending = null;
  }
}
