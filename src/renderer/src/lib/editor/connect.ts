/**
 * Whether a new connection may be made, and if not, why: the reason is shown
 * at the cursor while the user drags. Refused: loops, a layer feeding itself,
 * inputs into an Input, a second input into a one-input layer, and shapes the
 * target cannot take at all. A shape error with a mechanical fix (Dense after
 * a 28×28 Input: insert a Flatten) is allowed, because the diagnostic and its
 * Fix button teach more than a refusal would.
 */
import type { Analysis } from '../../../../shared/analysis/index.ts';
import { analyze } from '../../../../shared/analysis/index.ts';
import { getLayerDef } from '../../../../shared/catalog/index.ts';
import type { GraphDoc } from '../../../../shared/document/index.ts';
import { addEdge } from './commands.ts';

export type ConnectionCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** A path of node ids from `from` to `to` along the edges, or undefined. */
function findPath(doc: GraphDoc, from: string, to: string): string[] | undefined {
  const out = new Map<string, string[]>();
  for (const e of doc.edges) {
    const list = out.get(e.source) ?? [];
    list.push(e.target);
    out.set(e.source, list);
  }
  const parent = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length) {
    const id = queue.shift()!;
    if (id === to) {
      const path = [id];
      for (let at = id; at !== from; ) path.unshift((at = parent.get(at)!));
      return path;
    }
    for (const next of out.get(id) ?? []) {
      if (!parent.has(next)) {
        parent.set(next, id);
        queue.push(next);
      }
    }
  }
  return undefined;
}

export function checkConnection(doc: GraphDoc, analysis: Analysis, source: string, target: string): ConnectionCheck {
  const name = (id: string) => analysis.nodes.get(id)?.name ?? id;
  const kindOf = (id: string) => doc.nodes.find((n) => n.id === id)?.kind ?? '?';
  if (source === target) return { ok: false, reason: `${name(source)} cannot feed itself: data cannot flow in a circle` };
  const def = getLayerDef(kindOf(target));
  if (def && def.inputs.max === 0) return { ok: false, reason: `${name(target)} (${def.kind}) is where data enters and takes no input` };
  const incoming = doc.edges.filter((e) => e.target === target);
  if (incoming.some((e) => e.source === source)) return { ok: false, reason: `${name(source)} already feeds ${name(target)}` };
  if (def && incoming.length >= def.inputs.max) {
    const from = incoming.map((e) => name(e.source)).join(', ');
    return def.inputs.max === 1
      ? { ok: false, reason: `${name(target)} (${def.kind}) takes one input and already gets ${from}: delete that connection first, or join both with an Add or Concatenate` }
      : { ok: false, reason: `${name(target)} (${def.kind}) takes at most ${def.inputs.max} inputs and has ${incoming.length}` };
  }
  const loop = findPath(doc, target, source);
  if (loop) {
    const path = [...loop, target].map(name).join(' → ');
    return { ok: false, reason: `That would make a loop (${path}): data cannot flow in a circle` };
  }
  const candidate = analyze(addEdge(doc, source, target).doc);
  const before = new Set(analysis.diagnostics.filter((d) => d.nodeId === target).map((d) => d.message));
  const fatal = candidate.diagnostics.find((d) => d.nodeId === target && d.code === 'shape' && !d.fix && !before.has(d.message));
  if (fatal) return { ok: false, reason: fatal.message };
  return { ok: true };
}
