/**
 * One trial's project: the search's values written into a copy of the
 * document. Repeats go first (they decide which layers exist), then layer
 * parameters (a value for a layer also goes to its copies), then training
 * settings. The result carries no search: it is one plain configuration, as
 * a trial trains it, "Apply to graph" puts it in the editor and an export
 * writes it.
 */
import { MAX_ID_LENGTH } from '../document/limits.ts';
import type { Edge, GraphDoc, LayerNode, TrainingSettings } from '../document/schema.ts';
import type { Trial } from './expand.ts';
import type { SearchSpec, SearchValue } from './spec.ts';

/** Where the copies of a repeated chain go on the canvas, relative to the one before. */
const COPY_OFFSET = { x: 40, y: 150 };

export function applyTrial(doc: GraphDoc, spec: Pick<SearchSpec, 'dimensions'>, trial: Trial): GraphDoc {
  let nodes: LayerNode[] = [...doc.nodes];
  let edges: Edge[] = [...doc.edges];
  /** Each original layer's id → the ids of it and its copies (empty when a repeat of 0 removed it). */
  const copies = new Map<string, string[]>(doc.nodes.map((n) => [n.id, [n.id]]));

  for (const d of spec.dimensions) {
    if (d.target.kind !== 'repeat') continue;
    const count = trial.values[d.id];
    if (typeof count !== 'number') continue;
    ({ nodes, edges } = repeatChain({ nodes, edges }, d.target.nodes, count, copies));
  }

  const params = new Map<string, Record<string, SearchValue>>();
  for (const d of spec.dimensions) {
    if (d.target.kind !== 'layer' || !(d.id in trial.values)) continue;
    for (const id of d.target.nodes) {
      for (const copy of copies.get(id) ?? []) {
        const set = params.get(copy) ?? {};
        Object.defineProperty(set, d.target.param, { value: trial.values[d.id], enumerable: true, writable: true, configurable: true });
        params.set(copy, set);
      }
    }
  }
  nodes = nodes.map((n) => (params.has(n.id) ? { ...n, params: { ...n.params, ...params.get(n.id) } } : n));

  let training: TrainingSettings = doc.training;
  for (const d of spec.dimensions) {
    if (d.target.kind !== 'training' || !(d.id in trial.values)) continue;
    training = { ...training, [d.target.setting]: trial.values[d.id] };
  }
  const { search: _search, ...plain } = doc as GraphDoc & { search?: unknown };
  return { ...plain, nodes, edges, training };
}

/**
 * The chain `chain` (ids in order, each feeding the next) occurring `count`
 * times in series. 0 removes it and wires what fed it to what it fed; more
 * than 1 adds copies after it. Assumes checkSearch has found the chain
 * well formed; a chain that is not is left as it is.
 */
function repeatChain(graph: { nodes: LayerNode[]; edges: Edge[] }, chain: readonly string[], count: number, copies: Map<string, string[]>): { nodes: LayerNode[]; edges: Edge[] } {
  const inChain = new Set(chain);
  const first = chain[0];
  const last = chain[chain.length - 1];
  const feeding = graph.edges.filter((e) => e.target === first && !inChain.has(e.source));
  const leaving = graph.edges.filter((e) => e.source === last && !inChain.has(e.target));
  if (feeding.length !== 1 || count === 1) return graph;

  if (count === 0) {
    const source = feeding[0].source;
    for (const id of chain) copies.set(id, []);
    return {
      nodes: graph.nodes.filter((n) => !inChain.has(n.id)),
      edges: [
        ...graph.edges.filter((e) => !inChain.has(e.source) && !inChain.has(e.target)),
        ...leaving.map((e) => ({ ...e, id: edgeId(`${e.id}_skip`, graph.edges), source })),
      ],
    };
  }

  const taken = new Set(graph.nodes.map((n) => n.id));
  const names = new Set(graph.nodes.flatMap((n) => (n.name ? [n.name] : [])));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const inner = graph.edges.filter((e) => inChain.has(e.source) && inChain.has(e.target));
  const nodes = [...graph.nodes];
  const edges = graph.edges.filter((e) => !leaving.includes(e));
  let previousLast = last;
  for (let k = 2; k <= count; k++) {
    const rename = new Map<string, string>();
    for (const id of chain) {
      const original = byId.get(id)!;
      const copyId = freshName(`${id}_r${k}`, taken, MAX_ID_LENGTH);
      rename.set(id, copyId);
      copies.get(id)?.push(copyId);
      const name = original.name ? freshName(`${original.name}_${k}`, names, MAX_ID_LENGTH) : undefined;
      nodes.push({
        ...original,
        id: copyId,
        ...(name ? { name } : {}),
        position: { x: original.position.x + COPY_OFFSET.x * (k - 1), y: original.position.y + COPY_OFFSET.y * (k - 1) },
      });
    }
    edges.push({ id: edgeId(`e_${previousLast}_${rename.get(first)}`, edges), source: previousLast, target: rename.get(first)!, targetPort: 0 });
    for (const e of inner) edges.push({ ...e, id: edgeId(`${e.id}_r${k}`, edges), source: rename.get(e.source)!, target: rename.get(e.target)! });
    previousLast = rename.get(last)!;
  }
  for (const e of leaving) edges.push({ ...e, source: previousLast });
  return { nodes, edges };
}

/** `wanted`, or `wanted` with a number after it, not yet in `taken` and at most `max` characters; adds it to `taken`. */
function freshName(wanted: string, taken: Set<string>, max: number): string {
  let name = wanted.slice(0, max);
  for (let i = 2; taken.has(name); i++) name = `${wanted.slice(0, max - String(i).length - 1)}~${i}`;
  taken.add(name);
  return name;
}

function edgeId(wanted: string, edges: readonly Edge[]): string {
  return freshName(wanted, new Set(edges.map((e) => e.id)), 140);
}
