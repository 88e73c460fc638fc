/**
 * analyze(doc): the pure check the canvas runs on every edit and the trainer,
 * compiler and CLI run before building anything. Linear in nodes + edges; it
 * never throws, every problem becomes a Diagnostic.
 */
import { formatShape, getLayerDef } from '../catalog/index.ts';
import { resolveParams } from '../catalog/params.ts';
import type { LayerDef, ParamCount, Params, Shape } from '../catalog/types.ts';
import { MAX_LAYER_VALUES, MAX_TOTAL_PARAMS } from '../document/limits.ts';
import type { Edge, GraphDoc, LayerNode } from '../document/schema.ts';
import { topoSort } from './graph.ts';
import { checkTraining } from './training.ts';
import type { Analysis, Diagnostic, NodeInfo, SummaryRow } from './types.ts';

const NO_PARAMS: ParamCount = { trainable: 0, nonTrainable: 0 };

/** Keras-like default names: dense_1, conv2d_2 … numbered per kind in document order, so rewiring never renames. */
export function defaultNames(nodes: readonly LayerNode[]): Map<string, string> {
  const counts = new Map<string, number>();
  const names = new Map<string, string>();
  for (const n of nodes) {
    if (n.name) {
      names.set(n.id, n.name);
      continue;
    }
    const base = snakeCase(n.kind);
    const k = (counts.get(base) ?? 0) + 1;
    counts.set(base, k);
    names.set(n.id, `${base}_${k}`);
  }
  return names;
}

/** Keras' own rule (Conv2D → conv2d, MaxPooling2D → max_pooling2d, LeakyReLU → leaky_re_lu), so names match a Keras summary. */
export function snakeCase(kind: string): string {
  return kind.replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

export function analyze(doc: GraphDoc): Analysis {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const names = defaultNames(doc.nodes);
  const label = (id: string) => `${names.get(id)} (${byId.get(id)?.kind})`;

  checkNames(doc.nodes, names, diagnostics);

  // Definitions and params.
  const defs = new Map<string, LayerDef>();
  const params = new Map<string, Params>();
  for (const n of doc.nodes) {
    const def = getLayerDef(n.kind);
    if (!def) {
      diagnostics.push({ severity: 'error', code: 'unknown-kind', nodeId: n.id, message: `${names.get(n.id)}: unknown layer kind ${JSON.stringify(n.kind)}: replace it with a layer from the palette` });
      continue;
    }
    defs.set(n.id, def);
    const resolved = resolveParams(def, n.params);
    params.set(n.id, resolved.params);
    for (const prob of resolved.problems) {
      diagnostics.push({ severity: 'error', code: 'bad-param', nodeId: n.id, param: prob.param, message: `${label(n.id)} ${prob.param}: ${prob.message}` });
    }
  }

  // Wiring: incoming edges per node by slot; edges to nowhere are reported and ignored.
  const incoming = new Map<string, Edge[]>();
  const usable: Edge[] = [];
  const degree = new Map<string, number>();
  for (const e of doc.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) {
      diagnostics.push({ severity: 'error', code: 'dangling-edge', edgeId: e.id, message: `Connection ${e.id} points at a layer that does not exist (${byId.has(e.source) ? e.target : e.source}): delete the connection` });
      continue;
    }
    usable.push(e);
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    const list = incoming.get(e.target) ?? [];
    list.push(e);
    incoming.set(e.target, list);
  }
  const portTaken = new Set<string>();
  for (const [target, list] of incoming) {
    list.sort((a, b) => a.targetPort - b.targetPort);
    for (let i = 1; i < list.length; i++) {
      if (list[i].targetPort === list[i - 1].targetPort && defs.get(target)?.inputs.max === 1) {
        portTaken.add(target);
        diagnostics.push({ severity: 'error', code: 'port-taken', nodeId: target, edgeId: list[i].id, message: `${label(target)} takes one input but ${list.length} connections arrive: keep one, or join them with an Add or Concatenate first` });
      }
    }
  }

  const { order, blocked, cycle: cyclic } = topoSort(doc.nodes.map((n) => n.id), usable);
  if (cyclic.length) {
    const cycleSet = new Set(cyclic);
    // Named once and shortened: a loop through every layer of a 20,000-layer file would otherwise repeat 20,000 names per layer.
    const path = nameList(cyclic.map((id) => names.get(id)!), ' → ');
    for (const e of usable) {
      if (cycleSet.has(e.source) && cycleSet.has(e.target)) {
        diagnostics.push({ severity: 'error', code: 'cycle', edgeId: e.id, nodeId: e.target, message: `The connections ${path} form a loop, and data cannot flow in a circle: remove one of these connections` });
        break;
      }
    }
    for (const id of cyclic.slice(0, MARKED_PER_PROBLEM)) diagnostics.push({ severity: 'error', code: 'cycle', nodeId: id, message: `${label(id)} is on a loop (${path}): remove one of the loop's connections` });
  }

  // Shapes in topological order.
  const infos = new Map<string, NodeInfo>();
  const shapes = new Map<string, Shape | null>();
  const unconnected = new Set(doc.nodes.filter((n) => !degree.get(n.id)).map((n) => n.id));
  for (const id of order) {
    const node = byId.get(id)!;
    const def = defs.get(id);
    const ins = (incoming.get(id) ?? []).map((e) => e.source);
    const inShapes = ins.map((s) => shapes.get(s) ?? null);
    let out: Shape | null = null;
    let count = NO_PARAMS;
    const isolated = unconnected.has(id) && (doc.nodes.length > 1 || def?.inputs.min !== 0);
    if (def && !isolated) {
      const nodeParams = params.get(id)!;
      if (ins.length < def.inputs.min) {
        diagnostics.push({
          severity: 'error', code: 'missing-input', nodeId: id,
          message: def.inputs.min === 1
            ? `${label(id)} has no input: connect a layer into it`
            : `${label(id)} needs at least ${def.inputs.min} inputs but has ${ins.length}: connect another branch into it`,
        });
      } else if (ins.length > def.inputs.max) {
        if (def.inputs.max === 0) diagnostics.push({ severity: 'error', code: 'too-many-inputs', nodeId: id, message: `${label(id)} is where data enters and takes no input, but ${ins.length} connection(s) arrive: remove them` });
        else if (!portTaken.has(id)) {
          diagnostics.push({ severity: 'error', code: 'too-many-inputs', nodeId: id, message: `${label(id)} takes ${def.inputs.max} input(s) but ${ins.length} arrive: remove ${ins.length - def.inputs.max}, or join them with an Add or Concatenate first` });
        }
      } else if (inShapes.every((s): s is Shape => s !== null)) {
        const result = def.inferShape(inShapes, nodeParams);
        const tooLarge = result.ok ? sizeProblem(result.shape, def.paramCount(inShapes, nodeParams)) : undefined;
        if (tooLarge) {
          diagnostics.push({ severity: 'error', code: 'too-large', nodeId: id, message: `${label(id)} ${tooLarge}` });
        } else if (result.ok) {
          out = result.shape;
          count = def.paramCount(inShapes, nodeParams);
        } else {
          diagnostics.push({ severity: 'error', code: 'shape', nodeId: id, edgeId: incoming.get(id)?.[0]?.id, message: `${names.get(id)}: ${result.message}`, fix: result.fix });
        }
      }
    }
    shapes.set(id, out);
    infos.set(id, {
      id, name: names.get(id)!, kind: node.kind, params: params.get(id) ?? {}, inputs: ins, inputShapes: inShapes.map((s) => s ?? []),
      outputShape: out, paramCount: count, inModel: !!def && !isolated,
    });
  }
  for (const id of blocked) {
    const node = byId.get(id)!;
    infos.set(id, { id, name: names.get(id)!, kind: node.kind, params: params.get(id) ?? {}, inputs: (incoming.get(id) ?? []).map((e) => e.source), inputShapes: [], outputShape: null, paramCount: NO_PARAMS, inModel: false });
  }

  // Inputs, outputs, unconnected layers.
  const consumers = new Set(usable.map((e) => e.source));
  const inputs = order.filter((id) => infos.get(id)!.inModel && defs.get(id)?.inputs.max === 0);
  const outputs = order.filter((id) => infos.get(id)!.inModel && !consumers.has(id) && defs.get(id)?.inputs.max !== 0);
  for (const id of unconnected) {
    if (doc.nodes.length > 1) diagnostics.push({ severity: 'warning', code: 'unconnected', nodeId: id, message: `${label(id)} is not connected to anything and is left out of the model: wire it in or delete it` });
  }
  for (const id of order) {
    if (infos.get(id)!.inModel && defs.get(id)?.inputs.max === 0 && !consumers.has(id) && !unconnected.has(id)) {
      diagnostics.push({ severity: 'warning', code: 'unconnected', nodeId: id, message: `${label(id)} feeds nothing: connect it to a layer` });
    }
  }
  if (doc.nodes.length > 0 && !doc.nodes.some((n) => defs.get(n.id)?.inputs.max === 0)) {
    diagnostics.push({ severity: 'error', code: 'no-input', message: 'The network has no Input layer, so it does not know what data it takes: add an Input and connect it to the first layer', fix: { kind: 'add-input', shape: [2], label: 'Add an Input' } });
  }
  if (doc.nodes.length > 0 && outputs.length === 0 && cyclic.length === 0 && inputs.length > 0) {
    diagnostics.push({ severity: 'error', code: 'no-output', message: 'The network has no output layer: connect a layer after the Input' });
  }
  if (outputs.length > 1) {
    const list = nameList(outputs.map((id) => names.get(id)!), ', ');
    for (const id of outputs.slice(0, MARKED_PER_PROBLEM)) {
      diagnostics.push({ severity: 'error', code: 'multiple-outputs', nodeId: id, message: `${label(id)} is one of ${outputs.length} layers that end the network (${list}); a model here trains one output: connect the extra branches onward or delete them` });
    }
  }
  if (outputs.length === 1) diagnostics.push(...checkTraining(doc, infos.get(outputs[0])!));

  const rows: SummaryRow[] = [];
  let trainable = 0;
  let nonTrainable = 0;
  for (const id of order) {
    const info = infos.get(id)!;
    if (!info.inModel) continue;
    rows.push({ nodeId: id, name: info.name, kind: info.kind, outputShape: info.outputShape, params: info.paramCount.trainable + info.paramCount.nonTrainable });
    trainable += info.paramCount.trainable;
    nonTrainable += info.paramCount.nonTrainable;
  }
  if (trainable + nonTrainable > MAX_TOTAL_PARAMS) {
    diagnostics.push({ severity: 'error', code: 'too-large', message: `The network has ${group(trainable + nonTrainable)} parameters, more than the ${group(MAX_TOTAL_PARAMS)} Netwright can train: make the largest layers smaller` });
  }
  const edgeShapes = new Map(doc.edges.map((e) => [e.id, shapes.get(e.source) ?? null]));
  return {
    order,
    nodes: infos,
    edgeShapes,
    inputs,
    outputs,
    diagnostics,
    summary: { layers: rows, totalParams: trainable + nonTrainable, trainableParams: trainable, nonTrainableParams: nonTrainable },
    ok: !diagnostics.some((d) => d.severity === 'error'),
  };
}

/**
 * Layers marked one by one for a problem that many share (a loop, extra
 * outputs); the message names the rest in a count, so output stays bounded.
 */
const MARKED_PER_PROBLEM = 20;
/** Layer names spelled out in one message before "…and N more". */
const NAMED_PER_MESSAGE = 8;

function nameList(names: readonly string[], separator: string): string {
  if (names.length <= NAMED_PER_MESSAGE) return names.join(separator);
  return `${names.slice(0, NAMED_PER_MESSAGE).join(separator)}${separator}…and ${group(names.length - NAMED_PER_MESSAGE)} more`;
}

const group = (n: number) => n.toLocaleString('en-US');

/** Why one layer is beyond the hard limits (src/shared/document/limits.ts), or undefined. */
function sizeProblem(shape: Shape, count: ParamCount): string | undefined {
  const values = shape.reduce<number>((a, d) => a * (d ?? 1), 1);
  if (values > MAX_LAYER_VALUES) return `outputs ${group(values)} values per sample (${formatShape(shape)}), more than the ${group(MAX_LAYER_VALUES)} Netwright allows: make the input or the layer smaller`;
  const params = count.trainable + count.nonTrainable;
  if (params > MAX_TOTAL_PARAMS) return `has ${group(params)} parameters, more than the ${group(MAX_TOTAL_PARAMS)} Netwright can train: make the layer smaller`;
  return undefined;
}

function checkNames(nodes: readonly LayerNode[], names: Map<string, string>, diagnostics: Diagnostic[]): void {
  const seen = new Map<string, string>();
  for (const n of nodes) {
    const name = names.get(n.id)!;
    const other = seen.get(name);
    if (other !== undefined) {
      diagnostics.push({ severity: 'error', code: 'duplicate-name', nodeId: n.id, message: `Two layers are named ${JSON.stringify(name)}: layer names must be unique, rename one of them` });
    } else seen.set(name, n.id);
    if (!/^[A-Za-z][\w.-]*$/.test(name)) {
      diagnostics.push({ severity: 'error', code: 'bad-name', nodeId: n.id, message: `The layer name ${JSON.stringify(name)} is not usable in the model or the exported code: use letters, digits and underscores, starting with a letter` });
    }
  }
}
