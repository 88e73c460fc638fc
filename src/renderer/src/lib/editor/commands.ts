/**
 * Edits as pure functions from one document to the next. The store records
 * the delta between the two for undo; nothing here knows about history,
 * selection or the screen.
 */
import type { DiagnosticFix } from '../../../../shared/analysis/index.ts';
import { nextId, type Edge, type GraphDoc, type LayerNode, type ParamValue } from '../../../../shared/document/index.ts';

export interface XY {
  readonly x: number;
  readonly y: number;
}

/** "Dense" → "dense", "Conv2D" → "conv2d": ids stay short and readable in files. */
function idPrefix(kind: string): string {
  return kind.toLowerCase().replace(/[^a-z0-9]/g, '') || 'layer';
}

export function addNode(doc: GraphDoc, kind: string, position: XY, params: Readonly<Record<string, ParamValue>> = {}): { doc: GraphDoc; id: string } {
  const id = nextId(idPrefix(kind), doc.nodes.map((n) => n.id));
  const node: LayerNode = { id, kind, params, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  return { doc: { ...doc, nodes: [...doc.nodes, node] }, id };
}

/** The lowest input slot of `target` that no edge uses yet. */
export function nextFreePort(doc: GraphDoc, target: string): number {
  const used = new Set(doc.edges.filter((e) => e.target === target).map((e) => e.targetPort));
  let port = 0;
  while (used.has(port)) port++;
  return port;
}

export function edgeId(doc: GraphDoc, source: string, target: string, port: number): string {
  const base = `e_${source}_${target}_${port}`;
  const taken = new Set(doc.edges.map((e) => e.id));
  if (!taken.has(base)) return base;
  let k = 2;
  while (taken.has(`${base}_${k}`)) k++;
  return `${base}_${k}`;
}

/** Adds source → target at the next free slot; callers check the connection first (connect.ts). */
export function addEdge(doc: GraphDoc, source: string, target: string, port = nextFreePort(doc, target)): { doc: GraphDoc; id: string } {
  const id = edgeId(doc, source, target, port);
  const edge: Edge = { id, source, target, targetPort: port };
  return { doc: { ...doc, edges: [...doc.edges, edge] }, id };
}

/** Removes the nodes (with every edge that touches them) and the edges. */
export function deleteItems(doc: GraphDoc, nodeIds: Iterable<string>, edgeIds: Iterable<string>): GraphDoc {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (!nodes.size && !edges.size) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

export function moveNodes(doc: GraphDoc, positions: ReadonlyMap<string, XY>): GraphDoc {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p) return n;
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x === n.position.x && y === n.position.y) return n;
    changed = true;
    return { ...n, position: { x, y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

function updateNode(doc: GraphDoc, id: string, update: (n: LayerNode) => LayerNode): GraphDoc {
  const nodes = doc.nodes.map((n) => (n.id === id ? update(n) : n));
  return { ...doc, nodes };
}

/** Sets one param; `undefined` removes it so that the catalog default applies again. */
export function setParam(doc: GraphDoc, id: string, name: string, value: ParamValue | undefined): GraphDoc {
  return updateNode(doc, id, (n) => {
    const params = { ...n.params };
    if (value === undefined) delete params[name];
    else params[name] = value;
    return { ...n, params };
  });
}

/** An empty name goes back to the derived one (dense_1 …). */
export function rename(doc: GraphDoc, id: string, name: string): GraphDoc {
  const trimmed = name.trim();
  return updateNode(doc, id, (n) => {
    const { name: _old, ...rest } = n;
    return trimmed ? { ...rest, name: trimmed } : rest;
  });
}

export function setProjectName(doc: GraphDoc, name: string): GraphDoc {
  return { ...doc, meta: { ...doc.meta, name } };
}

/**
 * Applies a diagnostic's mechanical fix to `nodeId` (the node at fault) and,
 * for insertions, `edgeId` (the connection to cut); a training fix edits the
 * document's settings whatever the node. Returns the new document and the id
 * of an added layer, if any.
 */
export function applyFix(doc: GraphDoc, fix: DiagnosticFix, nodeId: string | undefined, edgeIdAtFault: string | undefined): { doc: GraphDoc; added?: string } {
  switch (fix.kind) {
    case 'set-param':
      if (!nodeId) return { doc };
      return { doc: setParam(doc, nodeId, fix.param, fix.value) };
    case 'set-training':
      return { doc: { ...doc, training: { ...doc.training, ...fix.changes } } };
    case 'insert-before': {
      if (!nodeId) return { doc };
      const cut = doc.edges.find((e) => e.id === edgeIdAtFault) ?? doc.edges.find((e) => e.target === nodeId);
      const target = doc.nodes.find((n) => n.id === nodeId);
      if (!cut || !target) return { doc };
      const source = doc.nodes.find((n) => n.id === cut.source);
      const at = source
        ? { x: (source.position.x + target.position.x) / 2, y: (source.position.y + target.position.y) / 2 + 90 }
        : { x: target.position.x - 220, y: target.position.y };
      const added = addNode({ ...doc, edges: doc.edges.filter((e) => e.id !== cut.id) }, fix.layer, at, fix.params ?? {});
      const first = addEdge(added.doc, cut.source, added.id, 0);
      return { doc: addEdge(first.doc, added.id, nodeId, cut.targetPort).doc, added: added.id };
    }
    case 'add-input': {
      const fed = new Set(doc.edges.map((e) => e.target));
      // The first layer that nothing feeds is where the data should enter.
      const first = doc.nodes.find((n) => !fed.has(n.id) && n.kind !== 'Input');
      const at = first ? { x: first.position.x - 240, y: first.position.y } : { x: 0, y: 0 };
      const added = addNode(doc, 'Input', at, { shape: [...fix.shape] });
      return { doc: first ? addEdge(added.doc, added.id, first.id, 0).doc : added.doc, added: added.id };
    }
    default: {
      const never: never = fix;
      throw new Error(`unknown fix ${JSON.stringify(never)}`);
    }
  }
}
