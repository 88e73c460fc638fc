/**
 * Does the network fit the data? The Input layer must take as many values per
 * sample as the dataset gives, and the output layer must give what the loss
 * compares with the targets. The rules mirror the trainer's own checks
 * (src/main/trainer/data.ts and objective.ts) so that a graph this passes
 * also starts training; here they are said before a run, with a repair.
 */
import type { Analysis, NodeInfo } from '../../../../../shared/analysis/index.ts';
import { formatShape, type Shape } from '../../../../../shared/catalog/index.ts';
import type { GraphDoc, ParamValue, TrainingSettings } from '../../../../../shared/document/index.ts';
import type { DatasetInfo } from '../../../../../shared/protocol/index.ts';
import { setParam } from '../../editor/commands.ts';

/** One parameter to set on one layer; applied as a single undoable edit. */
export interface FitFix {
  readonly label: string;
  readonly nodeId: string;
  readonly param: string;
  readonly value: ParamValue;
}

export interface FitProblem {
  /** `error`: training would refuse to start; `note`: works, but worth knowing. */
  readonly severity: 'error' | 'note';
  /** `unchecked`: the graph's own errors hide a shape, so the fit cannot be judged yet. */
  readonly code: 'input-count' | 'input-shape' | 'input-reshaped' | 'output-units' | 'unchecked';
  readonly message: string;
  readonly nodeId?: string;
  readonly fix?: FitFix;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Shape without the batch dimension, or null while any dimension is unknown. */
function sampleShape(shape: Shape | null): number[] | null {
  if (!shape) return null;
  const dims = shape.slice(1);
  return dims.every((d): d is number => d !== null) ? dims : null;
}

/**
 * `name` is how the user calls the set ("MNIST", "XOR", "iris.csv").
 * Returns nothing when the graph and the data agree, or when the graph is too
 * broken for the question to make sense (the diagnostics say why).
 */
export function checkDatasetFit(doc: GraphDoc, analysis: Analysis, info: DatasetInfo, name: string): FitProblem[] {
  return [...checkInputs(analysis, info, name), ...checkOutput(doc.training.loss, analysis, info, name)];
}

function checkInputs(analysis: Analysis, info: DatasetInfo, name: string): FitProblem[] {
  const inputs = analysis.inputs.map((id) => analysis.nodes.get(id)).filter((n): n is NodeInfo => !!n);
  if (inputs.length === 0) return [];
  if (inputs.length > 1) {
    return [{ severity: 'error', code: 'input-count', message: `The graph has ${inputs.length} Input layers but ${name} feeds one: delete the extra ones or merge the branches.` }];
  }
  const input = inputs[0];
  const shape = sampleShape(input.outputShape);
  if (!shape) return [];
  const data = info.inputShape;
  const columns = info.featureNames && info.featureNames.length === size(data) && info.featureNames.length <= 8 ? ` (${info.featureNames.join(', ')})` : '';
  if (size(shape) !== size(data)) {
    const value = suggestedInputShape(shape, data);
    return [
      {
        severity: 'error',
        code: 'input-shape',
        nodeId: input.id,
        message: `Input is ${formatShape(shape)} but ${name} samples are ${formatShape(data)}${columns}: the Input layer must take ${plural(size(data), 'value')} per sample, not ${size(shape).toLocaleString('en-US')}.`,
        fix: { label: `Set Input shape to ${formatShape(value)}`, nodeId: input.id, param: 'shape', value },
      },
    ];
  }
  if (shape.length !== data.length || shape.some((d, i) => d !== data[i])) {
    return [{ severity: 'note', code: 'input-reshaped', nodeId: input.id, message: `${name} samples are ${formatShape(data)}; they are reshaped to the Input's ${formatShape(shape)} (same number of values).` }];
  }
  return [];
}

/**
 * Convolutional inputs keep their channel axis: an Input of [32, 32, 3] meeting
 * 28×28 grey images becomes [28, 28, 1], not [28, 28], so the Conv2D after it
 * still has a channel axis.
 */
export function suggestedInputShape(current: readonly number[], data: readonly number[]): number[] {
  if (current.length === data.length + 1 && data.length === 2) return [...data, 1];
  return [...data];
}

/** The output sizes the trainer accepts for this loss, best first (see chooseEncoding in objective.ts). */
function acceptedUnits(loss: TrainingSettings['loss'], info: DatasetInfo): number[] {
  if (info.task === 'regression') return [info.targetSize];
  const classes = info.numClasses;
  switch (loss) {
    case 'categoricalCrossentropy':
    case 'sparseCategoricalCrossentropy':
      return [classes];
    case 'binaryCrossentropy':
      return classes === 2 ? [1, 2] : [classes];
    case 'hinge':
    case 'meanSquaredError':
    case 'meanAbsoluteError':
      return classes === 2 ? [1, 2] : [classes, 1];
    default:
      throw new Error(`unknown loss ${String(loss satisfies never)}`);
  }
}

function checkOutput(loss: TrainingSettings['loss'], analysis: Analysis, info: DatasetInfo, name: string): FitProblem[] {
  if (analysis.outputs.length !== 1) return [];
  const output = analysis.nodes.get(analysis.outputs[0]);
  if (!output) return [];
  const shape = sampleShape(output.outputShape);
  if (!shape) {
    const message = `The output of ${output.name} has no known shape until the graph's errors are fixed (see Diagnostics), so it cannot be checked against ${name} yet.`;
    return [{ severity: 'note', code: 'unchecked', nodeId: output.id, message }];
  }
  const units = size(shape);
  const accepted = acceptedUnits(loss, info);
  if (accepted.includes(units)) return [];
  const want = accepted[0];
  const has = shape.length === 1 ? plural(units, 'unit') : `${formatShape(shape)} (${plural(units, 'value')})`;
  const because =
    info.task === 'regression'
      ? `${name} has ${plural(want, 'target value')} per sample`
      : `${name} has ${plural(info.numClasses, 'class', 'classes')}${want === 1 ? ` (with ${loss}, two classes take 1 sigmoid unit)` : ''}`;
  const owner = unitsLayer(analysis, output);
  return [
    {
      severity: 'error',
      code: 'output-units',
      nodeId: owner?.id ?? output.id,
      message: `The output layer has ${has} but ${because}.`,
      ...(owner && shape.length === 1 ? { fix: { label: `Set ${owner.name} units to ${want}`, nodeId: owner.id, param: 'units', value: want } } : {}),
    },
  ];
}

/**
 * The layer whose `units` sets the output width: the output itself, or the
 * last such layer before shape-keeping layers (Activation, Dropout, …).
 */
function unitsLayer(analysis: Analysis, output: NodeInfo): NodeInfo | null {
  let node: NodeInfo | undefined = output;
  const same = (a: Shape | null, b: Shape | null) => !!a && !!b && a.length === b.length && a.every((d, i) => d === b[i]);
  while (node) {
    if (typeof node.params.units === 'number') return node;
    if (node.inputs.length !== 1) return null;
    const prev = analysis.nodes.get(node.inputs[0]);
    if (!prev || !same(prev.outputShape, node.outputShape)) return null;
    node = prev;
  }
  return null;
}

/** The document with the fix applied: one edit for EditorStore.commit. */
export function applyFitFix(doc: GraphDoc, fix: FitFix): GraphDoc {
  return setParam(doc, fix.nodeId, fix.param, fix.value);
}
