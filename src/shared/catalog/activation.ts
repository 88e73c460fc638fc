/**
 * Activation layers apply a function to every value and keep the shape.
 * Any layer's `activation` param does the same job; a separate layer is
 * useful after a BatchNormalization, or for functions with a learned or
 * tunable part (PReLU, LeakyReLU, ELU).
 */
import { activationParam, featureSize, formatShape } from './common.ts';
import { p } from './params.ts';
import type { LayerDef, Params, ParamSpec, Shape } from './types.ts';

const NONE = { trainable: 0, nonTrainable: 0 };
const same = ([input]: readonly Shape[]) => ({ ok: true as const, shape: input });

function simple(kind: string, summary: string, params: Record<string, ParamSpec>, factory: string, toConfig: (params: Params) => Record<string, unknown>): LayerDef {
  return {
    kind,
    family: 'Activation',
    summary,
    inputs: { min: 1, max: 1 },
    params,
    headline: Object.keys(params).slice(0, 1),
    factory,
    inferShape: same,
    paramCount: () => NONE,
    toConfig: (values) => ({ className: kind, config: toConfig(values) }),
  };
}

export const Activation = simple(
  'Activation',
  'Applies an activation function to every value, e.g. relu after a BatchNormalization.',
  { activation: activationParam('relu') },
  'activation',
  (params) => ({ activation: p.str(params, 'activation') }),
);

export const ReLU = simple(
  'ReLU',
  'Keeps positive values and turns negative ones into 0, optionally capped at a maximum.',
  { maxValue: { type: 'float', label: 'Maximum', default: 0, min: 0, doc: 'Cap on the output, e.g. 6 for relu6; 0 means no cap.' } },
  'reLU',
  (params) => (p.float(params, 'maxValue') > 0 ? { maxValue: p.float(params, 'maxValue') } : {}),
);

export const LeakyReLU = simple(
  'LeakyReLU',
  'Like relu, but negative values are scaled down instead of zeroed, so units never go completely silent.',
  { alpha: { type: 'float', label: 'Negative slope', default: 0.3, min: 0, max: 1, doc: 'The factor applied to negative values; 0.01–0.3 is usual.' } },
  'leakyReLU',
  (params) => ({ alpha: p.float(params, 'alpha') }),
);

// tfjs 4.22's ELU layer refuses any alpha but 1, so it takes no params.
export const ELU = simple(
  'ELU',
  'Exponential linear unit: like relu for positive values, a smooth curve down to −1 for negative ones, which keeps the average output near 0.',
  {},
  'elu',
  () => ({}),
);

// tfjs 4.22 runs softmax only along the last axis, so the layer offers no
// axis; it is still written out, since tfjs' Softmax layer defaults to axis 1.
export const Softmax = simple(
  'Softmax',
  'Turns the scores of each sample into probabilities that sum to 1 along the last axis: the usual last step of a classifier.',
  {},
  'softmax',
  () => ({ axis: -1 }),
);

/** The shape of PReLU's learned slopes, as tfjs builds it: one per input value, except along shared axes. */
function slopeShape(input: Shape, params: Params): (number | null)[] {
  const shape = input.slice(1);
  for (const a of p.ints(params, 'sharedAxes')) shape[a - 1] = 1;
  return shape;
}

export const PReLU: LayerDef = {
  kind: 'PReLU',
  family: 'Activation',
  summary: 'Parametric relu: like LeakyReLU, but the slope for negative values is learned, one per value (or per channel with shared axes).',
  inputs: { min: 1, max: 1 },
  params: {
    sharedAxes: { type: 'ints', label: 'Shared axes', default: [], min: 1, maxLength: 3, doc: 'Axes (1 = first after the batch) along which one slope is shared; [1, 2] for an image gives one slope per channel. Empty: one slope per value.' },
    alphaInitializer: { type: 'enum', label: 'Slope initializer', default: 'zeros', options: ['zeros', 'ones', 'glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'randomUniform', 'randomNormal', 'truncatedNormal'], doc: 'How the slopes start; zeros starts as a plain relu.' },
  },
  headline: ['sharedAxes'],
  factory: 'prelu',
  inferShape([input], params) {
    const shared = p.ints(params, 'sharedAxes');
    const bad = shared.find((a) => a >= input.length);
    if (bad !== undefined) {
      return { ok: false, message: `PReLU shared axis ${bad} does not exist in its input ${formatShape(input)}, whose axes after the batch are 1 to ${input.length - 1}: remove it from the shared axes` };
    }
    if (featureSize([null, ...slopeShape(input, params)]) === null) {
      return { ok: false, message: `PReLU needs every unshared input dimension known but got ${formatShape(input)}: give the Input a fixed shape or share the free axis` };
    }
    return { ok: true, shape: input };
  },
  paramCount: ([input], params) => ({ trainable: featureSize([null, ...slopeShape(input, params)]) as number, nonTrainable: 0 }),
  toConfig(params) {
    const shared = p.ints(params, 'sharedAxes');
    return { className: 'PReLU', config: { alphaInitializer: p.str(params, 'alphaInitializer'), ...(shared.length ? { sharedAxes: [...shared] } : {}) } };
  },
};
