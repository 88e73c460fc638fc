/**
 * Auto-layout: left to right in data-flow order (dagre's layered layout),
 * the way people draw networks. Returns top-left positions for the store's
 * move command, so a layout is one undo step like any other move.
 */
import dagre from '@dagrejs/dagre';
import type { GraphDoc } from '../../../../shared/document/index.ts';
import type { XY } from './commands.ts';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Used for layers the canvas has not measured yet (e.g. in tests). */
export const DEFAULT_NODE_SIZE: Size = { width: 176, height: 84 };

export function layoutPositions(doc: GraphDoc, sizes: ReadonlyMap<string, Size> = new Map()): Map<string, XY> {
  const g = new dagre.graphlib.Graph();
  // The gap between ranks leaves room for the shape label on each edge.
  g.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 120, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) {
    const size = sizes.get(n.id) ?? DEFAULT_NODE_SIZE;
    g.setNode(n.id, { width: size.width, height: size.height });
  }
  for (const e of doc.edges) {
    if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  }
  dagre.layout(g);
  const out = new Map<string, XY>();
  for (const n of doc.nodes) {
    const placed = g.node(n.id) as { x: number; y: number; width: number; height: number };
    // dagre gives centres; the document stores top-left corners.
    out.set(n.id, { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) });
  }
  return out;
}

/** The document with every layer placed by layoutPositions: starter templates open tidy. */
export function laidOut(doc: GraphDoc, sizes?: ReadonlyMap<string, Size>): GraphDoc {
  const positions = layoutPositions(doc, sizes);
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) };
}
