/**
 * One training step of a small dense network on one sample, worked out in
 * plain numbers: the forward pass, the loss, backpropagation and a plain
 * gradient-descent update. Every figure is what tfjs computes for a batch of
 * that one sample (forward-backward.test.ts compares them), so the lesson
 * shows the real arithmetic of training, not a simplified version of it.
 */
import { activationCurve } from '../catalog/activation-curves.ts';
import { lossAndGradient } from './losses.ts';
import type { ExplainLayer, ExplainNet, LayerTrace, LayerWeights, StepTrace } from './types.ts';

/** Whether `forwardBackward` can differentiate this activation (every elementwise one, and softmax). */
export function activationExplained(name: string): boolean {
  return name === 'softmax' || activationCurve(name, []) !== null;
}

/**
 * Runs `x` through the network, compares the output with `target` and
 * backpropagates. `target` is a class index (one output unit per class, or
 * the 0/1 label of a one-unit classifier), a single value, or one value per
 * output unit; it is encoded as the trainer encodes it (one-hot rows for
 * several classes, ±1 for hinge).
 *
 * @example
 * const trace = forwardBackward(net, weights, [0.05, 0.1], [0.01], 0.5);
 * trace.layers[1].dKernel[0][0]; // ∂L/∂w from unit 1 of the hidden layer to the output
 */
export function forwardBackward(net: ExplainNet, weights: readonly LayerWeights[], x: readonly number[], target: number | readonly number[], learningRate: number): StepTrace {
  checkShapes(net, weights, x);
  const last = net.layers[net.layers.length - 1];
  const encoded = encodeTarget(net.loss, last.units, target);

  // Forward: z = a·W + b, a = f(z), layer by layer.
  const forward: { input: readonly number[]; z: number[]; a: number[] }[] = [];
  let a: readonly number[] = x;
  net.layers.forEach((layer, l) => {
    const { kernel, bias } = weights[l];
    const z = Array.from({ length: layer.units }, (_, j) => a.reduce((acc, v, i) => acc + v * kernel[i][j], layer.useBias ? bias[j] : 0));
    const out = activate(layer.activation, z);
    forward.push({ input: a, z, a: out });
    a = out;
  });
  const output = a;
  const { loss, grad } = lossAndGradient(net.loss, output, encoded);

  // Backward: ∂L/∂z through the activation, then the weights' gradients and ∂L/∂a of the layer before.
  const traces: LayerTrace[] = [];
  let dA: readonly number[] = grad;
  for (let l = net.layers.length - 1; l >= 0; l--) {
    const layer = net.layers[l];
    const { input, z, a: out } = forward[l];
    const dZ = activationBackward(layer.activation, z, out, dA);
    const dKernel = input.map((v) => dZ.map((d) => v * d));
    const dBias = layer.useBias ? dZ.slice() : [];
    traces[l] = { input, z, a: out, dA, dZ, dKernel, dBias };
    const kernel = weights[l].kernel;
    dA = input.map((_, i) => dZ.reduce((acc, d, j) => acc + kernel[i][j] * d, 0));
  }

  const updated = weights.map((w, l) => ({
    kernel: w.kernel.map((row, i) => row.map((v, j) => v - learningRate * traces[l].dKernel[i][j])),
    bias: w.bias.map((v, j) => v - learningRate * traces[l].dBias[j]),
  }));
  return { x, target: encoded, layers: traces, output, loss, learningRate, updated };
}

function activate(name: string, z: readonly number[]): number[] {
  if (name === 'softmax') {
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const sum = e.reduce((s, v) => s + v, 0);
    return e.map((v) => v / sum);
  }
  return curve(name, z).y;
}

/** ∂L/∂z from ∂L/∂a: elementwise f′(z), or softmax's Jacobian, a_j·(dA_j − Σ_i a_i·dA_i). */
function activationBackward(name: string, z: readonly number[], a: readonly number[], dA: readonly number[]): number[] {
  if (name === 'softmax') {
    const dot = a.reduce((s, v, i) => s + v * dA[i], 0);
    return a.map((v, j) => v * (dA[j] - dot));
  }
  const { dy } = curve(name, z);
  return dy.map((d, j) => d * dA[j]);
}

function curve(name: string, z: readonly number[]): { y: number[]; dy: number[] } {
  const c = activationCurve(name, z);
  if (!c) throw new Error(`Explain a step cannot differentiate the activation ${JSON.stringify(name)}`);
  return c;
}

/** The target as the loss sees it: one value per output unit. */
function encodeTarget(loss: string, units: number, target: number | readonly number[]): number[] {
  const hinge = loss === 'hinge';
  const classIndex = typeof target === 'number' ? target : loss === 'sparseCategoricalCrossentropy' && target.length === 1 ? target[0] : null;
  let values: number[];
  if (classIndex !== null && units > 1) {
    const k = Math.floor(classIndex);
    if (k < 0 || k >= units) throw new Error(`The target class ${classIndex} is outside the output's classes 0…${units - 1}`);
    values = Array.from({ length: units }, (_, j) => (j === k ? 1 : 0));
  } else {
    values = typeof target === 'number' ? [target] : [...target];
  }
  if (values.length !== units) throw new Error(`The target has ${values.length} values but the output layer has ${units} units`);
  // The trainer turns 0/1 labels into −1/+1 for hinge (objective.ts, encodeTargets).
  return hinge ? values.map((v) => (v > 0.5 ? 1 : -1)) : values;
}

function checkShapes(net: ExplainNet, weights: readonly LayerWeights[], x: readonly number[]): void {
  if (x.length !== net.inputs) throw new Error(`The sample has ${x.length} values but the network takes ${net.inputs}`);
  if (weights.length !== net.layers.length) throw new Error(`Got weights for ${weights.length} layers but the network has ${net.layers.length}`);
  net.layers.forEach((layer: ExplainLayer, l) => {
    const { kernel, bias } = weights[l];
    if (kernel.length !== layer.inputs || kernel.some((row) => row.length !== layer.units)) {
      throw new Error(`${layer.name}'s kernel should be ${layer.inputs}×${layer.units} (inputs × units)`);
    }
    if (bias.length !== (layer.useBias ? layer.units : 0)) throw new Error(`${layer.name}'s bias should have ${layer.useBias ? layer.units : 0} values, got ${bias.length}`);
  });
}
