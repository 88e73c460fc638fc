/**
 * Deltas between two documents, for the undo history. Like Excalidraw's
 * history, an entry stores only what changed (per node and edge id, with its
 * index so that an undone delete puts the layer back where it was: default
 * names such as dense_2 follow document order), never whole snapshots.
 */
import type { Edge, GraphDoc, LayerNode } from '../../../../shared/document/index.ts';

interface Placed<T> {
  readonly value: T;
  readonly index: number;
}

interface Change<T> {
  readonly id: string;
  readonly before: Placed<T> | null;
  readonly after: Placed<T> | null;
}

type Rest = Pick<GraphDoc, 'meta' | 'dataset' | 'training' | 'search'>;

/** Document-level fields a delta records whole when they change. */
const REST_KEYS = ['meta', 'dataset', 'training', 'search'] as const;

export interface Delta {
  readonly nodes: readonly Change<LayerNode>[];
  readonly edges: readonly Change<Edge>[];
  /** Document-level fields (meta, dataset, training, search) that changed, before and after. */
  readonly rest: { readonly before: Partial<Rest>; readonly after: Partial<Rest> };
}

function diffList<T extends { readonly id: string }>(before: readonly T[], after: readonly T[]): Change<T>[] {
  const old = new Map(before.map((v, index) => [v.id, { value: v, index }]));
  const changes: Change<T>[] = [];
  const kept: string[] = [];
  after.forEach((value, index) => {
    const prev = old.get(value.id);
    old.delete(value.id);
    if (!prev) changes.push({ id: value.id, before: null, after: { value, index } });
    // Unchanged elements keep their identity (documents are immutable), so a reference check is enough.
    else if (prev.value !== value) changes.push({ id: value.id, before: prev, after: { value, index } });
    else kept.push(value.id);
  });
  for (const [id, prev] of old) changes.push({ id, before: prev, after: null });
  // Elements that merely shifted need no record as long as the untouched ones keep their relative order.
  const touched = new Set(changes.map((c) => c.id));
  const keptBefore = before.filter((v) => !touched.has(v.id));
  if (keptBefore.length === kept.length && keptBefore.every((v, i) => v.id === kept[i])) return changes;
  return [
    ...after.map((value, index) => ({ id: value.id, before: placedIn(before, value.id), after: { value, index } })),
    ...before.filter((v) => !after.some((a) => a.id === v.id)).map((v) => ({ id: v.id, before: placedIn(before, v.id), after: null })),
  ];
}

function placedIn<T extends { readonly id: string }>(list: readonly T[], id: string): Placed<T> | null {
  const index = list.findIndex((v) => v.id === id);
  return index < 0 ? null : { value: list[index], index };
}

/** What turns `before` into `after`; empty when they are the same. */
export function diff(before: GraphDoc, after: GraphDoc): Delta {
  const rest: { before: Partial<Rest>; after: Partial<Rest> } = { before: {}, after: {} };
  for (const key of REST_KEYS) {
    if (before[key] !== after[key]) {
      (rest.before as Record<string, unknown>)[key] = before[key];
      (rest.after as Record<string, unknown>)[key] = after[key];
    }
  }
  return { nodes: diffList(before.nodes, after.nodes), edges: diffList(before.edges, after.edges), rest };
}

export function isEmpty(delta: Delta): boolean {
  return delta.nodes.length === 0 && delta.edges.length === 0 && Object.keys(delta.rest.after).length === 0;
}

/** True when the delta only moves layers: the analysis of the document stays valid. */
export function onlyMoves(delta: Delta): boolean {
  if (delta.edges.length || Object.keys(delta.rest.after).length) return false;
  return delta.nodes.every((c) => {
    if (!c.before || !c.after || c.before.index !== c.after.index) return false;
    const a = c.before.value;
    const b = c.after.value;
    return a.kind === b.kind && a.name === b.name && a.params === b.params;
  });
}

function applyList<T extends { readonly id: string }>(list: readonly T[], changes: readonly Change<T>[], forward: boolean): T[] {
  if (!changes.length) return list as T[];
  const touched = new Set(changes.map((c) => c.id));
  const out = list.filter((v) => !touched.has(v.id));
  const placed = changes.map((c) => (forward ? c.after : c.before)).filter((p): p is Placed<T> => p !== null);
  // Inserting in ascending final index rebuilds the exact order: the untouched elements kept theirs.
  placed.sort((a, b) => a.index - b.index);
  for (const p of placed) out.splice(p.index, 0, p.value);
  return out;
}

/** Applies the delta forwards (redo) or backwards (undo). */
export function applyDelta(doc: GraphDoc, delta: Delta, forward: boolean): GraphDoc {
  const rest = forward ? delta.rest.after : delta.rest.before;
  const next: GraphDoc = { ...doc, ...rest, nodes: applyList(doc.nodes, delta.nodes, forward), edges: applyList(doc.edges, delta.edges, forward) };
  // A search undone to none is left out, not kept as `search: undefined`: the document reads as one that never had it.
  if ('search' in rest && rest.search === undefined) delete (next as { search?: unknown }).search;
  return next;
}
