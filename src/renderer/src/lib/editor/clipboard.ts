/**
 * Copy and paste as project JSON: the clipboard holds a small but complete
 * Netwright project with the selected layers and the connections among them,
 * so a paste into another window (or a text editor) works too.
 */
import { nextId, parseDocument, serializeDocument, type Edge, type GraphDoc, type LayerNode } from '../../../../shared/document/index.ts';
import { defaultNames } from '../../../../shared/analysis/index.ts';
import { edgeId, type XY } from './commands.ts';

/** The selected layers and the edges between them, as a document of their own. */
export function fragment(doc: GraphDoc, nodeIds: Iterable<string>): GraphDoc {
  const ids = new Set(nodeIds);
  return {
    ...doc,
    meta: { name: `${doc.meta.name} (copied layers)` },
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

export function toClipboardText(doc: GraphDoc, nodeIds: Iterable<string>): string {
  return serializeDocument(fragment(doc, nodeIds));
}

/** The layers in clipboard text, or undefined when it is not a Netwright project. */
export function fromClipboardText(text: string): GraphDoc | undefined {
  const parsed = parseDocument(text);
  return parsed.ok && parsed.doc.nodes.length ? parsed.doc : undefined;
}

function idPrefix(id: string): string {
  return id.replace(/_\d+$/, '') || 'layer';
}

/**
 * Adds the fragment's layers to `doc` with fresh ids, shifted so that their
 * top-left corner lands on `at` (or 40 px down and right of the originals).
 * Explicit names that are already taken get a number appended.
 */
export function pasteFragment(doc: GraphDoc, piece: GraphDoc, at?: XY): { doc: GraphDoc; nodeIds: string[]; edgeIds: string[] } {
  const minX = Math.min(...piece.nodes.map((n) => n.position.x));
  const minY = Math.min(...piece.nodes.map((n) => n.position.y));
  const dx = at ? at.x - minX : 40;
  const dy = at ? at.y - minY : 40;
  const taken = doc.nodes.map((n) => n.id);
  const names = new Set(defaultNames(doc.nodes).values());
  const rename = new Map<string, string>();
  const nodes: LayerNode[] = [];
  for (const n of piece.nodes) {
    const id = nextId(idPrefix(n.id), taken);
    taken.push(id);
    rename.set(n.id, id);
    const copy: LayerNode = { ...n, id, position: { x: Math.round(n.position.x + dx), y: Math.round(n.position.y + dy) } };
    if (n.name) {
      let name = n.name;
      for (let k = 2; names.has(name); k++) name = `${n.name}_${k}`;
      names.add(name);
      nodes.push({ ...copy, name });
    } else nodes.push(copy);
  }
  let next: GraphDoc = { ...doc, nodes: [...doc.nodes, ...nodes] };
  const edges: Edge[] = [];
  for (const e of piece.edges) {
    const source = rename.get(e.source);
    const target = rename.get(e.target);
    if (!source || !target) continue;
    const edge = { id: edgeId(next, source, target, e.targetPort), source, target, targetPort: e.targetPort };
    edges.push(edge);
    next = { ...next, edges: [...next.edges, edge] };
  }
  return { doc: next, nodeIds: nodes.map((n) => n.id), edgeIds: edges.map((e) => e.id) };
}
