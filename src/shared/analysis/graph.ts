/** Graph helpers over node ids and edges; no knowledge of layers. */

export interface TopoResult {
  /** Every node not on or behind a cycle, sources first (document order among equals). */
  readonly order: readonly string[];
  /** Nodes left out of `order`: on a cycle or downstream of one. */
  readonly blocked: readonly string[];
  /** One cycle among the blocked nodes, in edge order (empty when the graph is acyclic). */
  readonly cycle: readonly string[];
}

/** Kahn's algorithm, O(nodes + edges). */
export function topoSort(ids: readonly string[], edges: readonly { source: string; target: string }[]): TopoResult {
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  const out = new Map<string, string[]>();
  for (const e of edges) {
    if (!indegree.has(e.source) || !indegree.has(e.target)) continue;
    indegree.set(e.target, indegree.get(e.target)! + 1);
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  const queue = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    order.push(id);
    for (const next of out.get(id) ?? []) {
      const d = indegree.get(next)! - 1;
      indegree.set(next, d);
      if (d === 0) queue.push(next);
    }
  }
  if (order.length === ids.length) return { order, blocked: [], cycle: [] };
  const placed = new Set(order);
  const blocked = ids.filter((id) => !placed.has(id));
  return { order, blocked, cycle: findCycle(blocked, out) };
}

/** Walks forward from a blocked node until a node repeats; every blocked node has a blocked predecessor, so a walk backwards always closes a loop. */
function findCycle(blocked: readonly string[], out: Map<string, string[]>): string[] {
  const blockedSet = new Set(blocked);
  const preds = new Map<string, string>();
  for (const [src, targets] of out) {
    if (!blockedSet.has(src)) continue;
    for (const t of targets) if (blockedSet.has(t) && !preds.has(t)) preds.set(t, src);
  }
  const seenAt = new Map<string, number>();
  const walk: string[] = [];
  let id: string | undefined = blocked[0];
  while (id !== undefined && !seenAt.has(id)) {
    seenAt.set(id, walk.length);
    walk.push(id);
    id = preds.get(id);
  }
  if (id === undefined) return [];
  return walk.slice(seenAt.get(id)).reverse();
}
