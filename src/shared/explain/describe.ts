/**
 * The stops of an explained step and the caption of each: one or two plain
 * sentences with the numbers, worked out for one unit so that a reader can
 * redo the sum by hand.
 */
import type { ExplainNet, ExplainStage, StepTrace } from './types.ts';

/** Forward layer by layer, the loss, backward from the last layer, then each layer's update. */
export function explainStages(net: ExplainNet): readonly ExplainStage[] {
  const n = net.layers.length;
  return [
    ...net.layers.map((_, layer): ExplainStage => ({ kind: 'forward', layer })),
    { kind: 'loss' },
    ...net.layers.map((_, i): ExplainStage => ({ kind: 'backward', layer: n - 1 - i })),
    ...net.layers.map((_, layer): ExplainStage => ({ kind: 'update', layer })),
  ];
}

/**
 * A number for people: 4 significant digits, trailing zeros dropped, a true
 * minus sign (0.37750 → "0.3775", 2 → "2", −0.0000123456 → "−1.235e-5").
 */
export function formatNumber(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  const text = abs >= 1e-3 && abs < 1e6 ? abs.toPrecision(4) : abs.toExponential(3);
  const [mantissa, exponent] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return `${v < 0 ? '−' : ''}${trimmed}${exponent === undefined ? '' : `e${exponent.replace('+', '')}`}`;
}

/** A factor of a product: negative ones in brackets, "0.2·(−1)". */
const factor = (v: number) => (v < 0 ? `(${formatNumber(v)})` : formatNumber(v));

const list = (values: readonly number[]) => `[${values.map(formatNumber).join(', ')}]`;

/** "+ 0.2·0.1" or "− 0.2·0.1": a term of a sum with its sign outside. */
function term(first: boolean, coefficient: number, value: number): string {
  const product = `${formatNumber(Math.abs(coefficient))}·${factor(value)}`;
  if (first) return coefficient < 0 ? `−${product}` : product;
  return coefficient < 0 ? ` − ${product}` : ` + ${product}`;
}

/** " + 0.35" or " − 0.35": the bias at the end of a sum. */
function signed(value: number): string {
  return value < 0 ? ` − ${formatNumber(-value)}` : ` + ${formatNumber(value)}`;
}

/** Sums longer than this many inputs are shown as vectors only. */
const WORKED_TERMS = 4;

/**
 * The caption of `stage`. `unit` picks the unit whose sum is worked out in
 * full (the first by default).
 *
 * @example
 * describeStage(net, trace, { kind: 'forward', layer: 0 });
 * // "Unit 1 of dense_1: z = 0.15·0.05 + 0.2·0.1 + 0.35 = 0.3775, a = sigmoid(z) = 0.5933. …"
 */
export function describeStage(net: ExplainNet, trace: StepTrace, stage: ExplainStage, unit = 0): string {
  switch (stage.kind) {
    case 'forward':
      return describeForward(net, trace, stage.layer, unit);
    case 'loss':
      return describeLoss(net, trace);
    case 'backward':
      return describeBackward(net, trace, stage.layer, unit);
    case 'update':
      return describeUpdate(net, trace, stage.layer, unit);
    default: {
      const never: never = stage;
      throw new Error(`unknown stage ${JSON.stringify(never)}`);
    }
  }
}

function describeForward(net: ExplainNet, trace: StepTrace, l: number, unit: number): string {
  const layer = net.layers[l];
  const t = trace.layers[l];
  const j = Math.min(unit, layer.units - 1);
  const names = l === 0 ? net.inputNames : null;
  const f = layer.activation;
  const applied = f === 'linear' ? 'a = z' : `a = ${f}(z)`;
  const all = layer.units > 1 ? ` ${layer.units === 2 ? 'Both' : `All ${layer.units}`} units: z = ${list(t.z)}, a = ${list(t.a)}.` : '';
  const source = !names ? `the outputs of ${net.layers[l - 1].name}` : names.length <= WORKED_TERMS ? `the inputs ${names.join(', ')}` : `the ${names.length} inputs`;
  let sum: string;
  if (layer.inputs <= WORKED_TERMS) {
    const weights = trace.layers[l].input.map((v, i) => term(i === 0, weightOf(trace, l, i, j), v)).join('');
    sum = `${weights}${layer.useBias ? signed(biasOf(trace, l, j)) : ''} = ${formatNumber(t.z[j])}`;
  } else {
    sum = `Σ w·a${layer.useBias ? ' + b' : ''} over the ${layer.inputs} ${names ? 'inputs' : `units of ${net.layers[l - 1].name}`} = ${formatNumber(t.z[j])}`;
  }
  const softmaxNote = f === 'softmax' ? ' (each unit’s e^z divided by the sum over the layer)' : '';
  return `Unit ${j + 1} of ${layer.name} weighs ${source}: z = ${sum}, ${applied} = ${formatNumber(t.a[j])}${softmaxNote}.${all}`;
}

/** The weight the step started from: w − η·∂L/∂w undone from the update. */
function weightOf(trace: StepTrace, l: number, i: number, j: number): number {
  return trace.updated[l].kernel[i][j] + trace.learningRate * trace.layers[l].dKernel[i][j];
}

function biasOf(trace: StepTrace, l: number, j: number): number {
  return trace.updated[l].bias[j] + trace.learningRate * trace.layers[l].dBias[j];
}

const LOSS_FORMULAS: Readonly<Record<string, string>> = {
  meanSquaredError: 'the mean of (a − t)² over the output units',
  meanAbsoluteError: 'the mean of |a − t| over the output units',
  binaryCrossentropy: 'the mean of −[t·log a + (1 − t)·log(1 − a)] over the output units',
  categoricalCrossentropy: '−Σ t·log a over the classes',
  sparseCategoricalCrossentropy: '−log a of the true class',
  hinge: 'the mean of max(0, 1 − t·a) over the output units, with t = ±1',
};

function describeLoss(net: ExplainNet, trace: StepTrace): string {
  const formula = LOSS_FORMULAS[net.loss] ?? net.loss;
  return `The output ${list(trace.output)} is compared with the target ${list(trace.target)}: ${net.loss} is ${formula}, here ${formatNumber(trace.loss)}. Training lowers this number.`;
}

function describeBackward(net: ExplainNet, trace: StepTrace, l: number, unit: number): string {
  const layer = net.layers[l];
  const t = trace.layers[l];
  const j = Math.min(unit, layer.units - 1);
  const last = l === net.layers.length - 1;
  const dA = last
    ? `the loss gives ∂L/∂a = ${list(t.dA)}`
    : `each unit’s ∂L/∂a adds up the ∂L/∂z of ${net.layers[l + 1].name} weighted by its outgoing weights, ${list(t.dA)}`;
  let dZ: string;
  if (layer.activation === 'linear') dZ = `a linear unit passes it on, ∂L/∂z = ${list(t.dZ)}`;
  else if (layer.activation === 'softmax') {
    const crossentropy = last && net.loss.endsWith('ategoricalCrossentropy');
    dZ = `through the softmax, where every unit depends on all the others, ∂L/∂z = ${list(t.dZ)}${crossentropy ? ' (with cross-entropy that is simply a − target)' : ''}`;
  } else dZ = `times ${layer.activation}′(z) that gives ∂L/∂z = ${list(t.dZ)}`;
  // The first input's weight into the chosen unit is the worked example.
  const example = `Each weight’s gradient is its input times its unit’s ∂L/∂z, e.g. ∂L/∂w${indices(1, j + 1)} = ${factor(t.input[0])}·${factor(t.dZ[j])} = ${formatNumber(t.dKernel[0][j])}`;
  return `Back through ${layer.name}: ${dA}; ${dZ}. ${example}${layer.useBias ? ', and each bias’s gradient is its unit’s ∂L/∂z.' : '.'}`;
}

function describeUpdate(net: ExplainNet, trace: StepTrace, l: number, unit: number): string {
  const layer = net.layers[l];
  const t = trace.layers[l];
  const j = Math.min(unit, layer.units - 1);
  const eta = formatNumber(trace.learningRate);
  const before = weightOf(trace, l, 0, j);
  const after = trace.updated[l].kernel[0][j];
  const largest = Math.max(...t.dKernel.flat().map(Math.abs), ...t.dBias.map(Math.abs)) * trace.learningRate;
  return (
    `Each weight of ${layer.name} steps against its gradient, w ← w − η·∂L/∂w with η = ${eta}: ` +
    `w${indices(1, j + 1)} = ${formatNumber(before)} − ${eta}·${factor(t.dKernel[0][j])} = ${formatNumber(after)}. ` +
    `No weight of this layer moves by more than ${formatNumber(largest)}.`
  );
}

/** w₁₂ for input 1 → unit 2; w₁,₁₂ once an index has two digits. */
function indices(i: number, j: number): string {
  return i < 10 && j < 10 ? `${sub(i)}${sub(j)}` : `${sub(i)},${sub(j)}`;
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
function sub(n: number): string {
  return String(n)
    .split('')
    .map((d) => SUBSCRIPTS[Number(d)])
    .join('');
}
