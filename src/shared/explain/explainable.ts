/**
 * Which documents "Explain a step" can work through by hand: one chain from
 * an Input through Dense layers, small enough that every weight can be shown.
 * Layers that do nothing to the arithmetic of one explained step are allowed
 * and said so (Dropout), Activation layers are folded into the Dense before
 * them; anything else is refused with one sentence naming what is in the way.
 */
import { analyze } from '../analysis/analyze.ts';
import type { NodeInfo } from '../analysis/types.ts';
import { featureSize } from '../catalog/common.ts';
import { p } from '../catalog/params.ts';
import { generatedFeatureNames } from '../datasets/describe.ts';
import type { GraphDoc } from '../document/schema.ts';
import { activationExplained } from './forward-backward.ts';
import { isExplainedLoss } from './losses.ts';
import type { ExplainLayer, ExplainNet } from './types.ts';

/** Beyond this many weights (kernels and biases) the numbers no longer fit on the canvas. */
export const MAX_EXPLAINED_WEIGHTS = 64;

export type Explainable = { readonly ok: true; readonly net: ExplainNet } | { readonly ok: false; readonly reason: string };

const TOOL = 'Explain a step';
/** Layers that pass data through unchanged when the network predicts. */
const TRAINING_ONLY = new Set(['Dropout', 'GaussianNoise']);
const ACTIVATION_KINDS = new Set(['Activation', 'ReLU', 'ELU', 'Softmax']);

export function explainable(doc: GraphDoc): Explainable {
  const analysis = analyze(doc);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) return refuse(`${TOOL} needs a network without errors; this one has ${plural(errors, 'error')}, fix ${errors === 1 ? 'it' : 'them'} first.`);
  const total = analysis.summary.totalParams;
  if (total > MAX_EXPLAINED_WEIGHTS) {
    return refuse(`${TOOL} works on networks of at most ${MAX_EXPLAINED_WEIGHTS} weights; this one has ${total.toLocaleString('en-US')}, so use fewer inputs or units.`);
  }
  if (!isExplainedLoss(doc.training.loss)) return refuse(`${TOOL} has no formula for the loss ${doc.training.loss}; pick meanSquaredError or a cross-entropy.`);

  const chain = analysis.order.map((id) => analysis.nodes.get(id)!).filter((n) => n.inModel);
  const consumers = new Map<string, number>();
  for (const n of chain) for (const src of n.inputs) consumers.set(src, (consumers.get(src) ?? 0) + 1);
  const inputs = chain.filter((n) => n.kind === 'Input');
  if (inputs.length === 0 || chain.length === 1) {
    const input = [...analysis.nodes.values()].find((n) => n.kind === 'Input');
    return refuse(`${TOOL} needs an Input connected to Dense layers; ${input ? `connect ${input.name} to a Dense layer` : 'add an Input and connect it to a Dense layer'}.`);
  }
  if (inputs.length !== 1) return refuse(`${TOOL} works on a single chain of layers from one Input; this network has ${inputs.length} Inputs.`);
  const branch = chain.find((n) => n.inputs.length > 1 || (consumers.get(n.id) ?? 0) > 1);
  if (branch) return refuse(`${TOOL} works on a single chain of layers, but ${branch.name} ${branch.inputs.length > 1 ? 'joins' : 'splits into'} several branches.`);

  const input = inputs[0];
  const size = input.outputShape ? featureSize(input.outputShape) : null;
  if (size === null) return refuse(`${TOOL} needs an Input of a fixed size, but ${input.name} is ${JSON.stringify(p.ints(input.params, 'shape'))}.`);

  const layers: ExplainLayer[] = [];
  const notes: string[] = [];
  let width = size;
  for (const n of chain) {
    if (n.kind === 'Input' || n.kind === 'Flatten') continue;
    if (n.kind === 'Dense') {
      const dense = denseLayer(n, width);
      if (typeof dense === 'string') return refuse(dense);
      layers.push(dense);
      width = dense.units;
    } else if (TRAINING_ONLY.has(n.kind)) {
      notes.push(trainingOnlyNote(n));
    } else if (ACTIVATION_KINDS.has(n.kind)) {
      const folded = fold(n, layers);
      if (typeof folded === 'string') return refuse(folded);
      layers[layers.length - 1] = folded;
    } else {
      return refuse(`${TOOL} works on Dense layers (with Flatten, Dropout and Activation layers between them), but ${n.name} is a ${n.kind}.`);
    }
  }
  if (layers.length === 0) return refuse(`${TOOL} needs at least one Dense layer after the Input.`);
  for (const layer of layers) {
    if (!activationExplained(layer.activation)) return refuse(`${TOOL} cannot differentiate ${layer.name}'s activation ${layer.activation}; pick sigmoid, tanh, relu, linear or softmax.`);
  }

  const { optimizer, batchSize } = doc.training;
  if (optimizer !== 'sgd') {
    notes.push(`The update shown is plain gradient descent (w − η·∂L/∂w); this network trains with ${optimizer}, which sizes each step from the history of the gradients.`);
  }
  if (batchSize > 1) notes.push(`Training averages the gradients of ${batchSize} samples before each update; this step follows one sample.`);

  const weightCount = layers.reduce((s, l) => s + l.inputs * l.units + (l.useBias ? l.units : 0), 0);
  const net: ExplainNet = { inputs: size, inputNames: inputNames(doc, size), layers, loss: doc.training.loss, weightCount, ...(notes.length > 0 ? { notes } : {}) };
  return { ok: true, net };
}

function denseLayer(n: NodeInfo, inputs: number): ExplainLayer | string {
  const regularizer = p.str(n.params, 'kernelRegularizer');
  if (regularizer !== 'none') return `${TOOL} leaves weight penalties out, but ${n.name} has an ${regularizer} kernel regularizer; set it to none to explain a step.`;
  return { nodeId: n.id, name: n.name, inputs, units: p.int(n.params, 'units'), activation: p.str(n.params, 'activation'), useBias: p.bool(n.params, 'useBias') };
}

function trainingOnlyNote(n: NodeInfo): string {
  if (n.kind === 'Dropout') {
    const share = Math.round(p.float(n.params, 'rate') * 100);
    return `${n.name} is left out: while training, Dropout zeroes a random ${share} % of its inputs at each step, which this explanation does not show.`;
  }
  return `${n.name} is left out: while training, ${n.kind} adds random noise to its inputs at each step, which this explanation does not show.`;
}

/** An Activation layer (or ReLU, ELU, Softmax) becomes the activation of a linear Dense layer before it. */
function fold(n: NodeInfo, layers: readonly ExplainLayer[]): ExplainLayer | string {
  const name = activationOf(n);
  if (typeof name !== 'string') return name.reason;
  const prev = layers[layers.length - 1];
  if (!prev) return `${TOOL} folds an activation layer into the Dense layer before it, but ${n.name} comes before any Dense layer.`;
  if (prev.activation !== 'linear') {
    return `${TOOL} folds ${n.name} (${name}) into ${prev.name} only when ${prev.name} is linear, but it applies ${prev.activation}; set ${prev.name}'s activation to ${name} and delete ${n.name}.`;
  }
  return { ...prev, activation: name };
}

function activationOf(n: NodeInfo): string | { reason: string } {
  switch (n.kind) {
    case 'Activation':
      return p.str(n.params, 'activation');
    case 'ELU':
      return 'elu';
    case 'Softmax':
      return 'softmax';
    case 'ReLU': {
      const max = p.float(n.params, 'maxValue');
      if (max === 0) return 'relu';
      if (max === 6) return 'relu6';
      return { reason: `${TOOL} knows relu capped at 6 but ${n.name} caps it at ${max}; set its maximum to 0 or 6.` };
    }
    default:
      return { reason: `${TOOL} cannot fold ${n.name} (${n.kind}) into a Dense layer.` };
  }
}

/** Feature names of a generated set (x1, x2, x1² …) when they fit the Input, else x1 … xn. */
function inputNames(doc: GraphDoc, size: number): string[] {
  if (doc.dataset?.kind === 'generated') {
    try {
      const names = generatedFeatureNames(doc.dataset);
      if (names.length === size) return names;
    } catch {
      // Features the set cannot have are reported elsewhere; fall back to plain names.
    }
  }
  return size === 1 ? ['x'] : Array.from({ length: size }, (_, i) => `x${i + 1}`);
}

function refuse(reason: string): Explainable {
  return { ok: false, reason };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
