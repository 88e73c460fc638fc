/**
 * Normalization rescales activations to a steady range, which lets deeper
 * networks train faster. BatchNormalization keeps running statistics that
 * are updated but not trained, hence its non-trainable parameters.
 */
import { formatShape } from './common.ts';
import { p } from './params.ts';
import { resolveAxis } from './shape-help.ts';
import type { LayerDef, Params, ParamSpec, Shape, ShapeResult } from './types.ts';

const axisParam = (doc: string): ParamSpec => ({ type: 'int', label: 'Axis', default: -1, min: -4, max: 4, doc });
const epsilonParam: ParamSpec = { type: 'float', label: 'Epsilon', default: 0.001, min: 1e-9, max: 1, doc: 'A small number added to the variance so that nothing is divided by zero; rarely needs changing.' };
const centerParam: ParamSpec = { type: 'bool', label: 'Center', default: true, doc: 'Learn an offset (beta) added after normalizing.' };
const scaleParam: ParamSpec = { type: 'bool', label: 'Scale', default: true, doc: 'Learn a factor (gamma) applied after normalizing. Can be off when a relu or linear layer follows, which can do the scaling itself.' };

/** The size of the normalized axis, or the error for a bad axis. */
function axisSize(kind: string, input: Shape, params: Params): { ok: true; size: number } | Extract<ShapeResult, { ok: false }> {
  const axis = p.int(params, 'axis');
  const a = resolveAxis(axis, input.length);
  if (a === undefined) {
    return { ok: false, message: `${kind} axis ${axis} does not exist in its input ${formatShape(input)} (or is the batch axis): use -1 for the last axis`, fix: { kind: 'set-param', param: 'axis', value: -1, label: 'Use axis -1' } };
  }
  const size = input[a];
  if (size === null) return { ok: false, message: `${kind} needs the size of axis ${axis} known but got ${formatShape(input)}: give the Input a fixed shape` };
  return { ok: true, size };
}

const learned = (params: Params, size: number) => ((p.bool(params, 'center') ? 1 : 0) + (p.bool(params, 'scale') ? 1 : 0)) * size;

export const BatchNormalization: LayerDef = {
  kind: 'BatchNormalization',
  family: 'Normalization',
  summary: 'Rescales each feature to mean 0 and variance 1 over the batch while training, then applies a learned scale and offset. Speeds up and steadies training.',
  inputs: { min: 1, max: 1 },
  params: {
    axis: axisParam('The axis of features to normalize, each separately; -1 (the last, e.g. the channels of an image) is almost always right.'),
    momentum: { type: 'float', label: 'Momentum', default: 0.99, min: 0, max: 1, doc: 'How slowly the running mean and variance used for predictions follow the batches; closer to 1 is smoother.' },
    epsilon: epsilonParam,
    center: centerParam,
    scale: scaleParam,
  },
  headline: [],
  factory: 'batchNormalization',
  inferShape([input], params) {
    const size = axisSize('BatchNormalization', input, params);
    return size.ok ? { ok: true, shape: input } : size;
  },
  paramCount([input], params) {
    const size = axisSize('BatchNormalization', input, params) as { size: number };
    return { trainable: learned(params, size.size), nonTrainable: 2 * size.size };
  },
  toConfig: (params) => ({
    className: 'BatchNormalization',
    config: { axis: p.int(params, 'axis'), momentum: p.float(params, 'momentum'), epsilon: p.float(params, 'epsilon'), center: p.bool(params, 'center'), scale: p.bool(params, 'scale') },
  }),
};

export const LayerNormalization: LayerDef = {
  kind: 'LayerNormalization',
  family: 'Normalization',
  summary: 'Rescales the features of each sample on its own to mean 0 and variance 1, then applies a learned scale and offset. Independent of batch size; common in sequence models.',
  inputs: { min: 1, max: 1 },
  params: {
    axis: axisParam('The axis normalized within each sample; -1 (the last, the features) is the usual choice.'),
    epsilon: epsilonParam,
    center: centerParam,
    scale: scaleParam,
  },
  headline: [],
  factory: 'layerNormalization',
  inferShape([input], params) {
    const size = axisSize('LayerNormalization', input, params);
    return size.ok ? { ok: true, shape: input } : size;
  },
  paramCount([input], params) {
    const size = axisSize('LayerNormalization', input, params) as { size: number };
    return { trainable: learned(params, size.size), nonTrainable: 0 };
  },
  toConfig: (params) => ({
    className: 'LayerNormalization',
    config: { axis: p.int(params, 'axis'), epsilon: p.float(params, 'epsilon'), center: p.bool(params, 'center'), scale: p.bool(params, 'scale') },
  }),
};
