/**
 * Merge layers join two or more branches: elementwise (Add, Multiply,
 * Average), which needs equal shapes, or side by side (Concatenate), which
 * needs equal shapes except along the joining axis.
 */
import { formatShape } from './common.ts';
import { p } from './params.ts';
import { resolveAxis } from './shape-help.ts';
import type { LayerDef, Shape, ShapeResult } from './types.ts';

const NONE = { trainable: 0, nonTrainable: 0 };
const INPUTS = { min: 2, max: 8 };

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

/** "[null, 64] (input 1) and [null, 32] (input 2)" for the first pair that differs. */
function pair(inputs: readonly Shape[], i: number): string {
  return `${formatShape(inputs[0])} (input 1) and ${formatShape(inputs[i])} (input ${i + 1})`;
}

/** How to make the branch `b` match `a`, in words a learner can act on. */
function matchAdvice(a: Shape, b: Shape): string {
  const lastDiffers = a.length === b.length && a.slice(0, -1).every((d, i) => d === b[i]);
  if (lastDiffers && a.length === 2) return `put a Dense with ${a[1]} units on the branch giving ${formatShape(b)}, or use a Concatenate to place them side by side`;
  if (lastDiffers && a.length === 4) return `put a Conv2D with ${a[3]} filters and kernel 1×1 on the branch giving ${formatShape(b)}, or use a Concatenate to stack the channels`;
  return 'reshape one branch to match (Reshape, Flatten or Dense), or use a Concatenate';
}

function elementwise(kind: 'Add' | 'Multiply' | 'Average', what: string, factory: string): LayerDef {
  return {
    kind,
    family: 'Merge',
    summary: `Joins branches of the same shape by ${what}, value by value.`,
    inputs: INPUTS,
    params: {},
    headline: [],
    factory,
    inferShape(inputs) {
      const i = inputs.findIndex((s) => !sameShape(s, inputs[0]));
      if (i < 0) return { ok: true, shape: inputs[0] };
      return { ok: false, message: `${kind} needs all inputs to have the same shape but got ${pair(inputs, i)}: ${matchAdvice(inputs[0], inputs[i])}` };
    },
    paramCount: () => NONE,
    toConfig: () => ({ className: kind, config: {} }),
  };
}

export const Add = elementwise('Add', 'adding them (a residual or skip connection)', 'add');
export const Multiply = elementwise('Multiply', 'multiplying them (e.g. a learned gate times a signal)', 'multiply');
export const Average = elementwise('Average', 'averaging them (e.g. an ensemble of branches)', 'average');

export const Concatenate: LayerDef = {
  kind: 'Concatenate',
  family: 'Merge',
  summary: 'Places branches side by side along one axis, e.g. [null, 32] and [null, 16] become [null, 48]. The other dimensions must agree.',
  inputs: INPUTS,
  params: {
    axis: { type: 'int', label: 'Axis', default: -1, min: -4, max: 4, doc: 'The axis along which the inputs are joined; -1 (the last: features or channels) is the usual choice.' },
  },
  headline: ['axis'],
  factory: 'concatenate',
  inferShape(inputs, params): ShapeResult {
    const axis = p.int(params, 'axis');
    const rank = inputs[0].length;
    const r = inputs.findIndex((s) => s.length !== rank);
    if (r >= 0) {
      return { ok: false, message: `Concatenate needs inputs with the same number of dimensions but got ${pair(inputs, r)}: insert a Flatten on the branches with more dimensions, or a Reshape` };
    }
    const a = resolveAxis(axis, rank);
    if (a === undefined) {
      return { ok: false, message: `Concatenate axis ${axis} does not exist in its inputs ${formatShape(inputs[0])} (or is the batch axis): use -1 for the last axis`, fix: { kind: 'set-param', param: 'axis', value: -1, label: 'Use axis -1' } };
    }
    const other = (s: Shape) => s.filter((_, k) => k !== a);
    const d = inputs.findIndex((s) => !sameShape(other(s), other(inputs[0])));
    if (d >= 0) {
      return { ok: false, message: `Concatenate joins along axis ${axis}, so every other dimension must agree, but got ${pair(inputs, d)}: resize one branch (pooling, Reshape or Dense), or Flatten both first` };
    }
    const sizes = inputs.map((s) => s[a]);
    const joined = sizes.some((s) => s === null) ? null : (sizes as number[]).reduce((x, y) => x + y, 0);
    return { ok: true, shape: inputs[0].map((dim, k) => (k === a ? joined : dim)) };
  },
  paramCount: () => NONE,
  toConfig: (params) => ({ className: 'Concatenate', config: { axis: p.int(params, 'axis') } }),
};
