/**
 * The "Units" view of a small dense network, as TensorFlow Playground draws
 * it: one circle per input feature and per unit, one line per weight. This
 * module is pure: it finds the chain in the analysis, places units and
 * connections, and styles a connection from its weight. NetworkDiagram.svelte
 * draws the result.
 */
import type { Analysis } from '../../../../shared/analysis/types.ts';
import type { LayerWeights } from '../../../../shared/explain/types.ts';
import type { LayerSnapshot } from '../../../../shared/protocol/trainer.ts';
import type { BoundaryEvent } from '../../../../shared/run/index.ts';

/** More units than this and the circles get too small to hold a picture. */
export const MAX_DIAGRAM_UNITS = 64;
/** Inputs are drawn one circle each, so a flattened image is out. */
export const MAX_DIAGRAM_INPUTS = 16;

export interface UnitLayer {
  /** The Dense node, so the view can badge or select it. */
  readonly nodeId: string;
  readonly name: string;
  readonly units: number;
  /** With a following Activation layer folded in. */
  readonly activation: string;
  readonly useBias: boolean;
}

export interface UnitChain {
  readonly inputs: number;
  readonly inputNodeId: string;
  readonly layers: readonly UnitLayer[];
}

/** Layers that leave the values (at inference) and the unit count as they are. */
const SKIPPED = new Set(['Dropout', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout']);

/**
 * The network as a chain Input → Dense… when it is one and small enough to
 * draw unit by unit; otherwise the reason, as one sentence for the user.
 */
export function unitChain(analysis: Analysis): { ok: true; chain: UnitChain } | { ok: false; reason: string } {
  if (!analysis.ok) return { ok: false, reason: 'The units view needs a network without errors: fix the ones listed under Diagnostics first.' };
  if (analysis.inputs.length !== 1 || analysis.outputs.length !== 1) return { ok: false, reason: 'The units view draws a single chain from one Input to one output; this network branches.' };
  const consumers = new Map<string, string[]>();
  for (const info of analysis.nodes.values()) {
    if (!info.inModel) continue;
    for (const src of info.inputs) consumers.set(src, [...(consumers.get(src) ?? []), info.id]);
  }
  const input = analysis.nodes.get(analysis.inputs[0])!;
  const shape = input.outputShape ?? [];
  if (shape.length !== 2 || typeof shape[1] !== 'number') return { ok: false, reason: 'The units view needs a flat Input (one number per feature); this one has shape ' + JSON.stringify(shape.slice(1)) + '.' };
  const inputs = shape[1];
  if (inputs > MAX_DIAGRAM_INPUTS) return { ok: false, reason: `The units view draws at most ${MAX_DIAGRAM_INPUTS} inputs; this network has ${inputs}.` };
  const layers: UnitLayer[] = [];
  let at = input.id;
  for (;;) {
    const next = consumers.get(at) ?? [];
    if (next.length === 0) break;
    if (next.length > 1) return { ok: false, reason: 'The units view draws a single chain from one Input to one output; this network branches.' };
    const info = analysis.nodes.get(next[0])!;
    if (info.kind === 'Dense') {
      layers.push({ nodeId: info.id, name: info.name, units: info.params.units as number, activation: String(info.params.activation), useBias: info.params.useBias !== false });
    } else if (info.kind === 'Activation' && layers.length && layers[layers.length - 1].activation === 'linear') {
      layers[layers.length - 1] = { ...layers[layers.length - 1], activation: String(info.params.activation) };
    } else if (!SKIPPED.has(info.kind)) {
      return { ok: false, reason: `The units view draws Dense layers only; ${info.name} is a ${info.kind}.` };
    }
    at = info.id;
  }
  if (!layers.length) return { ok: false, reason: 'The units view needs at least one Dense layer after the Input.' };
  const total = layers.reduce((n, l) => n + l.units, 0);
  if (total > MAX_DIAGRAM_UNITS) return { ok: false, reason: `The units view draws networks of at most ${MAX_DIAGRAM_UNITS} units; this one has ${total}: use the layer view, or make the layers narrower.` };
  return { ok: true, chain: { inputs, inputNodeId: input.id, layers } };
}

/**
 * The chain's weights from a run's snapshot, or null when the snapshot lacks
 * a layer or holds a shrunk (inexact) kernel. Biases missing from an older
 * snapshot read as null too, rather than as zeros that were never there.
 */
export function snapshotWeights(chain: UnitChain, layers: readonly LayerSnapshot[]): LayerWeights[] | null {
  const out: LayerWeights[] = [];
  let fanIn = chain.inputs;
  for (const l of chain.layers) {
    const snap = layers.find((s) => s.nodeId === l.nodeId);
    const m = snap?.kernel?.matrix;
    if (!m || m.rows !== m.sourceRows || m.cols !== m.sourceCols || m.rows !== fanIn || m.cols !== l.units) return null;
    const kernel = Array.from({ length: m.rows }, (_, i) => m.values.slice(i * m.cols, (i + 1) * m.cols));
    let bias: readonly number[] = [];
    if (l.useBias) {
      const values = snap.bias?.values;
      if (!values || values.length !== l.units) return null;
      bias = values;
    }
    out.push({ kernel, bias });
    fanIn = l.units;
  }
  return out;
}

export interface UnitPos {
  /** "in:0" for inputs, "<layer index>:<unit>" for units. */
  readonly id: string;
  /** -1 for the inputs. */
  readonly layer: number;
  readonly unit: number;
  /** Centre, in diagram pixels. */
  readonly x: number;
  readonly y: number;
}

export interface EdgePos {
  readonly id: string;
  /** Index of the layer the connection feeds; its weight is kernel[from][to] of that layer. */
  readonly layer: number;
  readonly from: number;
  readonly to: number;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface NetworkLayout {
  readonly width: number;
  readonly height: number;
  /** Diameter of a unit, in pixels. */
  readonly node: number;
  /** One per column, inputs first: its centre x and a label for its header. */
  readonly columns: readonly { readonly x: number; readonly label: string; readonly sub: string }[];
  readonly units: readonly UnitPos[];
  readonly edges: readonly EdgePos[];
}

export interface LayoutOptions {
  /** Diameter of a unit. */
  readonly node?: number;
  /** Centre to centre, across. */
  readonly colGap?: number;
  /** Centre to centre, down. */
  readonly rowGap?: number;
  /** Room above the units for the column headers. */
  readonly header?: number;
  readonly pad?: number;
}

/**
 * Places the chain's units in columns, each column centred on the tallest,
 * and runs a connection from every unit to every unit of the next column.
 * Connections end at the circles' rims, so their ends are not hidden under a
 * unit's picture.
 *
 * @example
 * layoutNetwork({ inputs: 2, inputNodeId: 'input_1', layers: [{ nodeId: 'dense_1', name: 'dense_1', units: 4, activation: 'tanh', useBias: true }] })
 * // → 6 units in 2 columns, 8 edges
 */
export function layoutNetwork(chain: UnitChain, opts: LayoutOptions = {}): NetworkLayout {
  const node = opts.node ?? 44;
  const colGap = opts.colGap ?? 150;
  const rowGap = opts.rowGap ?? node + 16;
  const header = opts.header ?? 34;
  const pad = opts.pad ?? 16;
  const counts = [chain.inputs, ...chain.layers.map((l) => l.units)];
  const tallest = Math.max(...counts);
  const bodyHeight = (tallest - 1) * rowGap + node;
  const colX = (c: number) => pad + node / 2 + c * colGap;
  const rowY = (count: number, r: number) => header + pad + node / 2 + (bodyHeight - ((count - 1) * rowGap + node)) / 2 + r * rowGap;
  const units: UnitPos[] = [];
  for (let r = 0; r < chain.inputs; r++) units.push({ id: `in:${r}`, layer: -1, unit: r, x: colX(0), y: rowY(chain.inputs, r) });
  chain.layers.forEach((l, li) => {
    for (let r = 0; r < l.units; r++) units.push({ id: `${li}:${r}`, layer: li, unit: r, x: colX(li + 1), y: rowY(l.units, r) });
  });
  const at = (layer: number, unit: number) => units.find((u) => u.layer === layer && u.unit === unit)!;
  const edges: EdgePos[] = [];
  const rim = node / 2;
  chain.layers.forEach((l, li) => {
    const fanIn = counts[li];
    for (let i = 0; i < fanIn; i++) {
      const a = at(li - 1, i);
      for (let j = 0; j < l.units; j++) {
        const b = at(li, j);
        const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
        const ux = (b.x - a.x) / len;
        const uy = (b.y - a.y) / len;
        edges.push({ id: `${li}:${i}>${j}`, layer: li, from: i, to: j, x1: a.x + ux * rim, y1: a.y + uy * rim, x2: b.x - ux * rim, y2: b.y - uy * rim });
      }
    }
  });
  const columns = [
    { x: colX(0), label: 'Input', sub: `${chain.inputs} feature${chain.inputs === 1 ? '' : 's'}` },
    ...chain.layers.map((l, li) => ({ x: colX(li + 1), label: l.name, sub: `${l.units} · ${l.activation}` })),
  ];
  return { width: colX(counts.length - 1) + node / 2 + pad, height: header + pad * 2 + bodyHeight, node, columns, units, edges };
}

/** Thinnest and thickest connection, in pixels. */
export const EDGE_WIDTH = { min: 0.75, max: 7 } as const;

export interface EdgeStyle {
  /** -1 negative, 0 zero or unknown, +1 positive. */
  readonly sign: -1 | 0 | 1;
  readonly width: number;
  /** 0…1: how strong, against the largest weight shown. */
  readonly strength: number;
}

/** Line width and colour class of a weight, scaled by the largest |weight| shown; null draws a neutral line (no run yet). */
export function edgeStyle(weight: number | null, maxAbs: number): EdgeStyle {
  if (weight === null || !Number.isFinite(weight) || maxAbs <= 0) return { sign: 0, width: 1, strength: 0 };
  const strength = Math.min(1, Math.abs(weight) / maxAbs);
  return { sign: weight > 0 ? 1 : weight < 0 ? -1 : 0, width: EDGE_WIDTH.min + (EDGE_WIDTH.max - EDGE_WIDTH.min) * strength, strength };
}

/** The largest |weight| over all kernels, for one scale across the diagram. */
export function maxAbsWeight(weights: readonly LayerWeights[] | null): number {
  let m = 0;
  for (const l of weights ?? []) for (const row of l.kernel) for (const w of row) if (Math.abs(w) > m) m = Math.abs(w);
  return m;
}

/**
 * Sizes that fill a box: units as large as the tallest column allows (up to
 * `maxNode`), columns spread across the width. `below` is the room each unit
 * needs under it for labels (Explain a step writes two or three lines there).
 */
export function fitOptions(chain: UnitChain, box: { readonly width: number; readonly height: number }, below = 0, maxNode = 64): Required<LayoutOptions> {
  const header = 34;
  const pad = 16;
  const cols = chain.layers.length + 1;
  const tallest = Math.max(chain.inputs, ...chain.layers.map((l) => l.units));
  const room = Math.max(0, box.height - header - 2 * pad);
  const node = Math.round(Math.max(26, Math.min(maxNode, room / tallest - below - 10)));
  const rowGap = tallest > 1 ? Math.max(node + below + 10, Math.min((room - node) / (tallest - 1), (node + below) * 2.2)) : node + below + 10;
  const colGap = cols > 1 ? Math.max(below ? 230 : 110, Math.min((box.width - 2 * pad - node) / (cols - 1), 300)) : 0;
  return { node, rowGap: Math.round(rowGap), colGap: Math.round(colGap), header, pad };
}

/** The boundary event's pictures by unit id: hidden units from its `units`, a single output unit from the boundary itself, and the two inputs as ramps across and up the plane. */
export function unitPictures(chain: UnitChain, boundary: BoundaryEvent | null): Map<string, { values: readonly number[]; size: number; min: number; max: number }> {
  const out = new Map<string, { values: readonly number[]; size: number; min: number; max: number }>();
  if (!boundary) return out;
  const layerOf = new Map(chain.layers.map((l, i) => [l.nodeId, i]));
  for (const u of boundary.units) {
    const li = layerOf.get(u.nodeId);
    if (li !== undefined && u.unit < chain.layers[li].units) out.set(`${li}:${u.unit}`, { values: u.values, size: boundary.unitSize, min: u.min, max: u.max });
  }
  const last = chain.layers.length - 1;
  if (chain.layers[last].units === 1 && boundary.numClasses <= 2) {
    // Probability of class 1, centred so that ½ is the neutral colour.
    out.set(`${last}:0`, { values: boundary.output.map((p) => p - 0.5), size: boundary.size, min: -0.5, max: 0.5 });
  }
  if (chain.inputs === 2) {
    const n = 16;
    const ramp = (across: boolean) => Array.from({ length: n * n }, (_, k) => (across ? (k % n) / (n - 1) : 1 - Math.floor(k / n) / (n - 1)) * 2 - 1);
    out.set('in:0', { values: ramp(true), size: n, min: -1, max: 1 });
    out.set('in:1', { values: ramp(false), size: n, min: -1, max: 1 });
  }
  return out;
}

/**
 * The weights the project starts from when every Dense layer of the chain
 * holds explicit starting weights (the Dense param `startWeights`, the kernel
 * input by input, then the biases); null when any layer leaves them to its
 * initializer, whose values only exist once a run has built the model.
 */
export function startWeightsOf(chain: UnitChain, analysis: Analysis): LayerWeights[] | null {
  const out: LayerWeights[] = [];
  let fanIn = chain.inputs;
  for (const l of chain.layers) {
    const start = analysis.nodes.get(l.nodeId)?.params.startWeights;
    if (!Array.isArray(start) || start.length !== fanIn * l.units + (l.useBias ? l.units : 0)) return null;
    const kernel = Array.from({ length: fanIn }, (_, i) => start.slice(i * l.units, (i + 1) * l.units));
    out.push({ kernel, bias: l.useBias ? start.slice(fanIn * l.units) : [] });
    fanIn = l.units;
  }
  return out;
}
