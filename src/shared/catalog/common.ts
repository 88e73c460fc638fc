/**
 * Params shared by many layers (activation, initializers, regularizers) and
 * small helpers for shape messages. Keeping them here means every layer
 * explains them with the same words and maps them to tfjs the same way.
 */
import type { ParamSpec, Params, Shape } from './types.ts';
import { p } from './params.ts';

/**
 * Activation names as tfjs-layers 4.22 spells them: each is a class registered
 * in its activation map and a member of its ActivationIdentifier type.
 * ('logSoftmax' is registered too but not in that type, so exported code
 * using it would not type-check; it is left out.)
 */
export const ACTIVATIONS = [
  'linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hardSigmoid', 'tanh',
  'softmax', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'gelu_new',
] as const;

export const INITIALIZERS = [
  'glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'leCunUniform', 'leCunNormal',
  'randomUniform', 'randomNormal', 'truncatedNormal', 'zeros', 'ones', 'orthogonal',
] as const;

/** tfjs' orthogonal initializer needs a matrix, so it cannot start a bias vector. */
export const BIAS_INITIALIZERS = INITIALIZERS.filter((i) => i !== 'orthogonal');

export function activationParam(defaultValue: string = 'linear', doc?: string, label = 'Activation'): ParamSpec {
  return {
    type: 'enum',
    label,
    default: defaultValue,
    options: ACTIVATIONS,
    doc: doc ?? 'The function applied to each output: relu for hidden layers, softmax for a class-probability output, sigmoid for a yes/no output, linear for regression.',
  };
}

export const paddingParam: ParamSpec = {
  type: 'enum',
  label: 'Padding',
  default: 'valid',
  options: ['valid', 'same'],
  doc: 'valid: the window stays inside the input, so the output shrinks by window − 1; same: zeros are added round the edge so the output keeps its size (divided by the stride).',
};

/** use_bias, initializers and kernel/bias regularizers, as on Dense and Conv layers. */
export function weightParams(opts: { kernelInit?: string } = {}): Record<string, ParamSpec> {
  return {
    useBias: { type: 'bool', label: 'Use bias', default: true, doc: 'Add a learned offset to each output. Turn off when a BatchNormalization follows, which has its own.' },
    kernelInitializer: { type: 'enum', label: 'Kernel initializer', default: opts.kernelInit ?? 'glorotUniform', options: INITIALIZERS, doc: 'How the weights start. Glorot suits tanh/sigmoid, He suits relu; all-zeros stops the units from learning different things.' },
    biasInitializer: { type: 'enum', label: 'Bias initializer', default: 'zeros', options: BIAS_INITIALIZERS, doc: 'How the biases start; zeros is almost always fine.', showIf: { param: 'useBias', values: [true] } },
    ...regularizerParams('kernel', 'Kernel'),
  };
}

export function regularizerParams(prefix: string, label: string): Record<string, ParamSpec> {
  return {
    [`${prefix}Regularizer`]: { type: 'enum', label: `${label} regularizer`, default: 'none', options: ['none', 'l1', 'l2', 'l1l2'], doc: 'Penalise large weights to fight overfitting: l2 shrinks all weights, l1 pushes many to exactly zero.' },
    [`${prefix}L1`]: { type: 'float', label: `${label} L1 rate`, default: 0.01, min: 0, max: 10, doc: 'Strength of the L1 penalty added to the loss.', showIf: { param: `${prefix}Regularizer`, values: ['l1', 'l1l2'] } },
    [`${prefix}L2`]: { type: 'float', label: `${label} L2 rate`, default: 0.01, min: 0, max: 10, doc: 'Strength of the L2 penalty added to the loss.', showIf: { param: `${prefix}Regularizer`, values: ['l2', 'l1l2'] } },
  };
}

/** The tfjs config for a regularizer param group, or undefined for none. */
export function regularizerConfig(params: Params, prefix: string): unknown {
  const kind = p.str(params, `${prefix}Regularizer`);
  if (kind === 'none' || kind === undefined) return undefined;
  const l1 = kind === 'l1' || kind === 'l1l2' ? p.float(params, `${prefix}L1`) : 0;
  const l2 = kind === 'l2' || kind === 'l1l2' ? p.float(params, `${prefix}L2`) : 0;
  return { className: 'L1L2', config: { l1, l2 } };
}

/** Config fields for the weightParams group, ready to spread into a layer config. */
export function weightConfig(params: Params): Record<string, unknown> {
  const out: Record<string, unknown> = {
    useBias: p.bool(params, 'useBias'),
    kernelInitializer: p.str(params, 'kernelInitializer'),
    biasInitializer: p.str(params, 'biasInitializer'),
  };
  const reg = regularizerConfig(params, 'kernel');
  if (reg) out.kernelRegularizer = reg;
  return out;
}

/** Renders a shape as Keras prints it: [null, 28, 28] → "(None, 28, 28)"-like, but in our bracket form. */
export function formatShape(shape: Shape): string {
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}

/** Number of elements per sample (batch dimension excluded); null if any dimension is free. */
export function featureSize(shape: Shape): number | null {
  let n = 1;
  for (const d of shape.slice(1)) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

export const one = (inputs: readonly Shape[]): Shape => inputs[0];
