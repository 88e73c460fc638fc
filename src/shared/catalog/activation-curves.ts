/**
 * Each activation and its derivative as plain functions of one number, for
 * the small plot beside the activation field in the inspector. They follow
 * tfjs-layers' definitions (hardSigmoid is 0.2x + 0.5 clipped, gelu is the
 * erf form, gelu_new the tanh form); activation-curves.test.ts compares them
 * with tfjs and its gradients. Softmax has no curve of one number: it divides
 * each unit's exponential by the sum over the layer.
 */
import type { ACTIVATIONS } from './common.ts';

export type ActivationName = (typeof ACTIVATIONS)[number];

interface Curve {
  readonly f: (x: number) => number;
  readonly df: (x: number) => number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const softplus = (x: number) => (x > 30 ? x : Math.log1p(Math.exp(x)));
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
const GELU_C = Math.sqrt(2 / Math.PI);

/** erf by Abramowitz and Stegun 7.1.26 (error under 1.5e-7, below what a plot shows). */
function erf(x: number): number {
  const sign = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-a * a));
}

const CURVES: { readonly [K in Exclude<ActivationName, 'softmax'>]: Curve } = {
  linear: { f: (x) => x, df: () => 1 },
  relu: { f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0) },
  relu6: { f: (x) => Math.min(6, Math.max(0, x)), df: (x) => (x > 0 && x < 6 ? 1 : 0) },
  elu: { f: (x) => (x > 0 ? x : Math.expm1(x)), df: (x) => (x > 0 ? 1 : Math.exp(x)) },
  selu: { f: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)), df: (x) => SELU_SCALE * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x)) },
  sigmoid: { f: sigmoid, df: (x) => sigmoid(x) * (1 - sigmoid(x)) },
  hardSigmoid: { f: (x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)), df: (x) => (x > -2.5 && x < 2.5 ? 0.2 : 0) },
  tanh: { f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2 },
  softplus: { f: softplus, df: sigmoid },
  softsign: { f: (x) => x / (1 + Math.abs(x)), df: (x) => 1 / (1 + Math.abs(x)) ** 2 },
  swish: { f: (x) => x * sigmoid(x), df: (x) => sigmoid(x) + x * sigmoid(x) * (1 - sigmoid(x)) },
  mish: {
    f: (x) => x * Math.tanh(softplus(x)),
    df: (x) => {
      const t = Math.tanh(softplus(x));
      return t + x * (1 - t * t) * sigmoid(x);
    },
  },
  gelu: {
    f: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
    df: (x) => 0.5 * (1 + erf(x / Math.SQRT2)) + (x * Math.exp(-0.5 * x * x)) / Math.sqrt(2 * Math.PI),
  },
  gelu_new: {
    f: (x) => 0.5 * x * (1 + Math.tanh(GELU_C * (x + 0.044715 * x ** 3))),
    df: (x) => {
      const t = Math.tanh(GELU_C * (x + 0.044715 * x ** 3));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * x * x);
    },
  },
};

/** The activation and its derivative at each of `xs`, or null for softmax (and unknown names). */
export function activationCurve(name: string, xs: readonly number[]): { readonly y: number[]; readonly dy: number[] } | null {
  const curve = Object.hasOwn(CURVES, name) ? CURVES[name as keyof typeof CURVES] : undefined;
  if (!curve) return null;
  return { y: xs.map(curve.f), dy: xs.map(curve.df) };
}
