/** Core layers: Input, Dense, Flatten, Reshape (Embedding has its own file). */
import { MAX_DIMENSION, MAX_PARAM_LIST, MAX_UNITS } from '../document/limits.ts';
import { activationParam, featureSize, formatShape, weightConfig, weightParams } from './common.ts';
import { p } from './params.ts';
import type { LayerDef, Params } from './types.ts';

export const Input: LayerDef = {
  kind: 'Input',
  family: 'Input',
  summary: 'Where data enters the network. Its shape is one sample without the batch, e.g. 28×28 for an MNIST image.',
  inputs: { min: 0, max: 0 },
  params: {
    shape: { type: 'ints', label: 'Shape', default: [2], limit: MAX_DIMENSION, minLength: 1, maxLength: 4, doc: 'The size of one sample, without the batch dimension: [784] for a flat vector, [28, 28, 1] for a grayscale image.' },
    dtype: { type: 'enum', label: 'Data type', default: 'float32', options: ['float32', 'int32'], doc: 'float32 for measurements and pixels; int32 for word or token ids feeding an Embedding.' },
  },
  headline: ['shape'],
  factory: 'input',
  inferShape: (_inputs, params) => ({ ok: true, shape: [null, ...p.ints(params, 'shape')] }),
  paramCount: () => ({ trainable: 0, nonTrainable: 0 }),
  toConfig: (params) => ({ className: 'InputLayer', config: { batchInputShape: [null, ...p.ints(params, 'shape')], dtype: p.str(params, 'dtype') } }),
};

/** Starting weights take at most as many numbers as a document's list parameter holds (limits.ts): the 64 weights Explain a step shows. */
const MAX_START_WEIGHTS = MAX_PARAM_LIST;

export const Dense: LayerDef = {
  kind: 'Dense',
  family: 'Core',
  summary: 'Every input connects to every unit: output = activation(input · W + b). The workhorse of MLPs and classifier heads.',
  inputs: { min: 1, max: 1 },
  params: {
    units: { type: 'int', label: 'Units', default: 32, min: 1, limit: MAX_UNITS, doc: 'How many neurons, i.e. the size of the output. For a classifier output use the number of classes.' },
    activation: activationParam('linear'),
    ...weightParams(),
    startWeights: {
      type: 'floats',
      label: 'Starting weights',
      default: null,
      maxLength: MAX_START_WEIGHTS,
      doc: 'Exact starting values instead of the initializers, for a worked example: the weights input by input (input 1 to each unit, then input 2 …), then the biases. Small layers only (at most 64 numbers); leave empty for the initializers.',
    },
  },
  headline: ['units', 'activation'],
  factory: 'dense',
  inferShape([input], params) {
    if (input.length !== 2) {
      return {
        ok: false,
        message: `Dense expects a 2-D input [batch, features] but got ${formatShape(input)}: insert a Flatten before it`,
        fix: { kind: 'insert-before', layer: 'Flatten', label: 'Insert Flatten' },
      };
    }
    if (input[1] === null) return { ok: false, message: `Dense needs a known number of input features but got ${formatShape(input)}: give the Input a fixed size` };
    const start = p.floats(params, 'startWeights');
    const units = p.int(params, 'units');
    const bias = p.bool(params, 'useBias');
    const needed = input[1] * units + (bias ? units : 0);
    if (start && start.length !== needed) {
      const parts = `${input[1]}×${units} weights${bias ? ` + ${units} biases` : ''}`;
      return { ok: false, message: `Dense's starting weights hold ${start.length} numbers, but ${units} units on ${input[1]} inputs need ${needed} (${parts}): fix the list, or empty it to use the initializers` };
    }
    return { ok: true, shape: [null, units] };
  },
  paramCount([input], params) {
    const units = p.int(params, 'units');
    return { trainable: (input[1] as number) * units + (p.bool(params, 'useBias') ? units : 0), nonTrainable: 0 };
  },
  toConfig: (params) => ({
    className: 'Dense',
    config: { units: p.int(params, 'units'), activation: p.str(params, 'activation'), ...weightConfig(params), ...startWeightsConfig(params) },
  }),
};

/**
 * The flat list of starting weights as tfjs' `weights` layer argument:
 * [kernel [inputs][units], bias [units]]. tfjs sets them once the layer is
 * built; build-model.ts and the exported code turn the arrays into tensors.
 * inferShape has checked the count against the input, so the fan-in follows from it.
 */
function startWeightsConfig(params: Params): { weights?: readonly (readonly number[] | readonly (readonly number[])[])[] } {
  const start = p.floats(params, 'startWeights');
  if (!start) return {};
  const units = p.int(params, 'units');
  const bias = p.bool(params, 'useBias');
  const inputs = (start.length - (bias ? units : 0)) / units;
  const kernel = Array.from({ length: inputs }, (_, i) => start.slice(i * units, (i + 1) * units));
  return { weights: bias ? [kernel, start.slice(inputs * units)] : [kernel] };
}

export const Flatten: LayerDef = {
  kind: 'Flatten',
  family: 'Core',
  summary: 'Unrolls each sample into one long vector, e.g. a 28×28 image into 784 numbers, so a Dense layer can take it.',
  inputs: { min: 1, max: 1 },
  params: {},
  headline: [],
  factory: 'flatten',
  inferShape([input]) {
    if (input.length < 3) {
      return { ok: false, message: `Flatten expects an input with at least 3 dimensions [batch, …] but got ${formatShape(input)}: it is already flat, remove the Flatten` };
    }
    const size = featureSize(input);
    if (size === null) return { ok: false, message: `Flatten needs every dimension known but got ${formatShape(input)}: give the Input a fixed shape` };
    return { ok: true, shape: [null, size] };
  },
  paramCount: () => ({ trainable: 0, nonTrainable: 0 }),
  toConfig: () => ({ className: 'Flatten', config: {} }),
};

export const Reshape: LayerDef = {
  kind: 'Reshape',
  family: 'Core',
  summary: 'Rearranges each sample into a new shape with the same number of values, e.g. 784 pixels into a 28×28×1 image for a Conv2D.',
  inputs: { min: 1, max: 1 },
  params: {
    targetShape: { type: 'ints', label: 'Target shape', default: [28, 28, 1], min: -1, limit: MAX_DIMENSION, minLength: 1, maxLength: 4, doc: 'The new shape of one sample, without the batch. Its sizes must multiply to the input\'s; one size may be -1 to mean "whatever fits".' },
  },
  headline: ['targetShape'],
  factory: 'reshape',
  inferShape([input], params) {
    const target = p.ints(params, 'targetShape');
    const size = featureSize(input);
    if (size === null) return { ok: false, message: `Reshape needs every input dimension known but got ${formatShape(input)}: give the Input a fixed shape` };
    const wild = target.filter((d) => d === -1).length;
    if (target.some((d) => d === 0 || d < -1) || wild > 1) {
      return { ok: false, message: `Reshape target sizes must be positive, with at most one -1 for "whatever fits", but got ${formatShape(target)}: change the target shape` };
    }
    const known = target.reduce((a, d) => (d === -1 ? a : a * d), 1);
    if (wild === 1 && size % known === 0) return { ok: true, shape: [null, ...target.map((d) => (d === -1 ? size / known : d))] };
    if (wild === 0 && known === size) return { ok: true, shape: [null, ...target] };
    const what = wild === 1
      ? `the known sizes multiply to ${known}, which does not divide ${size}`
      : `that holds ${known} values per sample`;
    const message = `Reshape cannot turn ${formatShape(input)} (${size} values per sample) into ${formatShape(target)}: ${what}; the sizes must multiply to ${size}`;
    const suggestion = fitOne(target, size) ?? [size];
    return { ok: false, message: `${message}, e.g. ${formatShape(suggestion)}`, fix: { kind: 'set-param', param: 'targetShape', value: suggestion, label: `Use ${formatShape(suggestion)}` } };
  },
  paramCount: () => ({ trainable: 0, nonTrainable: 0 }),
  // The -1 is resolved here: tfjs leaves it unknown in symbolic shapes (its
  // batch axis always counts as unknown), and the next layer would then fail
  // to build for want of a size.
  toConfig(params, [input]) {
    const target = p.ints(params, 'targetShape');
    const size = featureSize(input) ?? 0;
    const known = target.reduce((a, d) => (d === -1 ? a : a * d), 1);
    return { className: 'Reshape', config: { targetShape: target.map((d) => (d === -1 ? size / known : d)) } };
  },
};

/**
 * The target with one size changed so that the values fit: of the sizes that
 * can take up the slack, the one that moves least. A -1 counts as 1 here, so
 * the suggestion is always concrete.
 */
function fitOne(target: readonly number[], size: number): number[] | undefined {
  const dims = target.map((d) => (d === -1 ? 1 : d));
  let best: number[] | undefined;
  let bestMove = Infinity;
  dims.forEach((d, i) => {
    const others = dims.reduce((a, x, k) => (k === i ? a : a * x), 1);
    if (size % others !== 0) return;
    const move = Math.abs(size / others - d);
    if (move <= bestMove) {
      best = dims.map((x, k) => (k === i ? size / others : x));
      bestMove = move;
    }
  });
  return best;
}
