/**
 * Document + analysis + selection → Svelte Flow nodes and edges. The canvas is
 * a projection: it never holds state the document does not (positions come
 * back through the store when a drag ends). Objects are reused whenever
 * nothing a node shows has changed, so that an edit re-renders one node, not
 * three hundred.
 */
import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/svelte';
import type { Analysis, Diagnostic } from '../../../../shared/analysis/index.ts';
import { formatShape, getLayerDef, type ParamSpec } from '../../../../shared/catalog/index.ts';
import type { GraphDoc, ParamValue } from '../../../../shared/document/index.ts';
import type { SelectionIds } from '../editor/history.ts';

export type LayerData = {
  readonly kind: string;
  readonly name: string;
  /** Palette family, for the colour stripe; "Unknown" for kinds this build lacks. */
  readonly family: string;
  /** Key params, e.g. "Units 300 · relu". */
  readonly headline: string;
  /** Output shape such as "[null, 300]", or null when it cannot be inferred. */
  readonly shape: string | null;
  readonly params: number;
  readonly severity: 'error' | 'warning' | null;
  /** The node's diagnostics, one per line, for its tooltip. */
  readonly problems: string;
  /** False for Input layers: no port on the left. */
  readonly takesInput: boolean;
  /** Merge layers take several connections on their one input port. */
  readonly multiInput: boolean;
};

export type ShapeEdgeData = {
  readonly shape: string | null;
  readonly error: boolean;
};

export type LayerFlowNode = FlowNode<LayerData, 'layer'>;
export type ShapeFlowEdge = FlowEdge<ShapeEdgeData, 'shape'>;

function formatValue(spec: ParamSpec | undefined, value: ParamValue | undefined): string {
  if (Array.isArray(value)) return value.join('×');
  if (spec?.type === 'enum') return String(value);
  return String(value);
}

function headline(kind: string, params: Readonly<Record<string, ParamValue>>): string {
  const def = getLayerDef(kind);
  if (!def) return '';
  return def.headline
    .flatMap((name) => {
      const spec = def.params[name];
      // A flag shows as its label while on ("Return sequences") and not at all while off.
      if (spec?.type === 'bool') return params[name] ? [spec.label] : [];
      const text = formatValue(spec, params[name]);
      // An enum value (relu) speaks for itself; a number needs its label (Units 300).
      return [spec?.type === 'enum' ? text : `${spec?.label ?? name} ${text}`];
    })
    .join(' · ');
}

const sameData = (a: LayerData, b: LayerData) =>
  (Object.keys(a) as (keyof LayerData)[]).every((k) => a[k] === b[k]);

export class FlowProjection {
  readonly #data = new Map<string, LayerData>();

  /** Builds the node list, reusing `current` objects (which carry measured sizes and in-drag positions). */
  nodes(doc: GraphDoc, analysis: Analysis, selection: SelectionIds, current: readonly LayerFlowNode[]): LayerFlowNode[] {
    const byId = new Map(current.map((n) => [n.id, n]));
    const selected = new Set(selection.nodes);
    const marks = diagnosticsByNode(analysis.diagnostics);
    const seen = new Set<string>();
    const out = doc.nodes.map((n) => {
      seen.add(n.id);
      const info = analysis.nodes.get(n.id);
      const def = getLayerDef(n.kind);
      const problems = marks.get(n.id) ?? [];
      const fresh: LayerData = {
        kind: n.kind,
        name: info?.name ?? n.name ?? n.id,
        family: def?.family ?? 'Unknown',
        headline: headline(n.kind, info?.params ?? n.params),
        shape: info?.outputShape ? formatShape(info.outputShape) : null,
        params: info ? info.paramCount.trainable + info.paramCount.nonTrainable : 0,
        severity: problems.some((d) => d.severity === 'error') ? 'error' : problems.length ? 'warning' : null,
        problems: problems.map((d) => d.message).join('\n'),
        takesInput: !def || def.inputs.max > 0,
        multiInput: !!def && def.inputs.max > 1,
      };
      const old = this.#data.get(n.id);
      const data = old && sameData(old, fresh) ? old : fresh;
      this.#data.set(n.id, data);
      const prev = byId.get(n.id);
      const isSelected = selected.has(n.id);
      if (prev && prev.data === data && prev.selected === isSelected && (prev.dragging || (prev.position.x === n.position.x && prev.position.y === n.position.y))) {
        return prev;
      }
      const node: LayerFlowNode = {
        id: n.id,
        type: 'layer',
        position: prev?.dragging ? prev.position : { x: n.position.x, y: n.position.y },
        data,
        selected: isSelected,
        deletable: false,
      };
      // Keeping the measured size avoids a hidden frame while the node is measured again.
      return prev?.measured ? { ...node, measured: prev.measured } : node;
    });
    for (const id of this.#data.keys()) if (!seen.has(id)) this.#data.delete(id);
    return sameItems(out, current) ? (current as LayerFlowNode[]) : out;
  }

  edges(doc: GraphDoc, analysis: Analysis, selection: SelectionIds, current: readonly ShapeFlowEdge[]): ShapeFlowEdge[] {
    const byId = new Map(current.map((e) => [e.id, e]));
    const selected = new Set(selection.edges);
    const bad = new Set(analysis.diagnostics.filter((d) => d.edgeId && d.severity === 'error').map((d) => d.edgeId));
    const out = doc.edges.map((e): ShapeFlowEdge => {
      const shape = analysis.edgeShapes.get(e.id);
      const data: ShapeEdgeData = { shape: shape ? formatShape(shape) : null, error: bad.has(e.id) };
      const prev = byId.get(e.id);
      const isSelected = selected.has(e.id);
      if (prev && prev.source === e.source && prev.target === e.target && prev.selected === isSelected && prev.data?.shape === data.shape && prev.data?.error === data.error) {
        return prev;
      }
      return { id: e.id, type: 'shape', source: e.source, target: e.target, data, selected: isSelected, deletable: false };
    });
    // The same array when nothing changed spares Svelte Flow rebuilding its connection lookup.
    return sameItems(out, current) ? (current as ShapeFlowEdge[]) : out;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function diagnosticsByNode(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.nodeId) continue;
    const list = out.get(d.nodeId) ?? [];
    list.push(d);
    out.set(d.nodeId, list);
  }
  return out;
}
