import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../datasets/random.ts';
import { forwardBackward } from './forward-backward.ts';
import { lossAndGradient } from './losses.ts';
import { exampleWeights } from './weights.ts';
import type { ExplainLayer, ExplainNet, LayerWeights } from './types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function dense(name: string, inputs: number, units: number, activation: string, useBias = true): ExplainLayer {
  return { nodeId: name, name, inputs, units, activation, useBias };
}

describe('forwardBackward on a textbook example', () => {
  // A 2-2-1 network of sigmoid units (the weights of Matt Mazur's well-known
  // worked example), one output and the mean squared error, worked by hand:
  //   h1: z = 0.15·0.05 + 0.20·0.10 + 0.35 = 0.3775,  a = σ(0.3775) = 0.593269992
  //   h2: z = 0.25·0.05 + 0.30·0.10 + 0.35 = 0.3925,  a = σ(0.3925) = 0.596884378
  //   o:  z = 0.40·0.593269992 + 0.45·0.596884378 + 0.60 = 1.105905967,  a = 0.751365070
  //   L = (0.751365070 − 0.01)² = 0.549622166 (the mean over one unit, no ½)
  //   ∂L/∂a_o = 2·0.741365070 = 1.482730139; σ′ = a(1 − a) = 0.186815602
  //   ∂L/∂z_o = 1.482730139·0.186815602 = 0.276997123
  //   ∂L/∂w5 = 0.593269992·0.276997123 = 0.164334081, ∂L/∂w6 = 0.596884378·0.276997123 = 0.165335256
  //   ∂L/∂a_h1 = 0.40·0.276997123 = 0.110798849, ∂L/∂a_h2 = 0.45·0.276997123 = 0.124648705
  //   ∂L/∂z_h1 = 0.110798849·0.593269992·0.406730008 = 0.026735841
  //   ∂L/∂z_h2 = 0.124648705·0.596884378·0.403115622 = 0.029992151
  //   ∂L/∂w1 = 0.05·0.026735841 = 0.001336792, ∂L/∂w2 = 0.10·0.026735841 = 0.002673584
  //   ∂L/∂w3 = 0.05·0.029992151 = 0.001499608, ∂L/∂w4 = 0.10·0.029992151 = 0.002999215
  //   with η = 0.5: w5 = 0.40 − 0.5·0.164334081 = 0.317832959, w6 = 0.367332372, b_o = 0.461501438
  //                 w1 = 0.149331604, w2 = 0.198663208, w3 = 0.249250196, w4 = 0.298500392,
  //                 b_h1 = 0.35 − 0.5·0.026735841 = 0.336632080, b_h2 = 0.335003925
  const net: ExplainNet = {
    inputs: 2,
    inputNames: ['x1', 'x2'],
    layers: [dense('hidden', 2, 2, 'sigmoid'), dense('out', 2, 1, 'sigmoid')],
    loss: 'meanSquaredError',
    weightCount: 9,
  };
  const weights: LayerWeights[] = [
    { kernel: [[0.15, 0.25], [0.2, 0.3]], bias: [0.35, 0.35] },
    { kernel: [[0.4], [0.45]], bias: [0.6] },
  ];
  const trace = forwardBackward(net, weights, [0.05, 0.1], 0.01, 0.5);
  const close = (actual: readonly number[], expected: readonly number[]) => actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 8));

  it('computes each weighted sum and activation', () => {
    close(trace.layers[0].input, [0.05, 0.1]);
    close(trace.layers[0].z, [0.3775, 0.3925]);
    close(trace.layers[0].a, [0.593269992, 0.596884378]);
    close(trace.layers[1].input, [0.593269992, 0.596884378]);
    close(trace.layers[1].z, [1.105905967]);
    close(trace.output, [0.75136507]);
    expect(trace.target).toEqual([0.01]);
    expect(trace.loss).toBeCloseTo(0.549622166, 8);
  });

  it('backpropagates to every weight and bias', () => {
    close(trace.layers[1].dA, [1.482730139]);
    close(trace.layers[1].dZ, [0.276997123]);
    close(trace.layers[1].dKernel.flat(), [0.164334081, 0.165335256]);
    close(trace.layers[1].dBias, [0.276997123]);
    close(trace.layers[0].dA, [0.110798849, 0.124648705]);
    close(trace.layers[0].dZ, [0.026735841, 0.029992151]);
    // kernel[i][j]: from input i to unit j, so w1 (x1→h1) is [0][0] and w3 (x1→h2) is [0][1].
    close(trace.layers[0].dKernel.flat(), [0.001336792, 0.001499608, 0.002673584, 0.002999215]);
    close(trace.layers[0].dBias, [0.026735841, 0.029992151]);
  });

  it('updates the weights by plain gradient descent', () => {
    close(trace.updated[1].kernel.flat(), [0.317832959, 0.367332372]);
    close(trace.updated[1].bias, [0.461501438]);
    close(trace.updated[0].kernel.flat(), [0.149331604, 0.249250196, 0.198663208, 0.298500392]);
    close(trace.updated[0].bias, [0.33663208, 0.335003925]);
  });

  it('turns a class index into the one-hot row the loss sees', () => {
    const softmax: ExplainNet = { ...net, layers: [dense('out', 2, 3, 'softmax')], loss: 'sparseCategoricalCrossentropy', weightCount: 9 };
    const w = [{ kernel: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], bias: [0, 0, 0] }];
    const t = forwardBackward(softmax, w, [1, 1], 2, 0.1);
    expect(t.target).toEqual([0, 0, 1]);
    // Softmax with cross-entropy: ∂L/∂z = a − t.
    close(t.layers[0].dZ, t.output.map((a, j) => a - t.target[j]));
    expect(() => forwardBackward(softmax, w, [1, 1], 3, 0.1)).toThrow("The target class 3 is outside the output's classes 0…2");
  });

  it('maps 0/1 labels to ±1 for hinge, as the trainer does', () => {
    const hinge: ExplainNet = { ...net, layers: [dense('out', 2, 1, 'tanh')], loss: 'hinge', weightCount: 3 };
    const t = forwardBackward(hinge, [{ kernel: [[0.5], [-0.5]], bias: [0.1] }], [1, 0], 0, 0.1);
    expect(t.target).toEqual([-1]);
    expect(t.loss).toBeCloseTo(1 + Math.tanh(0.6), 10);
  });
});

// ── Against tfjs ────────────────────────────────────────────────────────────

interface Case {
  readonly sizes: readonly number[];
  readonly activations: readonly string[];
  readonly loss: string;
  readonly useBias: boolean;
}

const HIDDEN = ['sigmoid', 'tanh', 'relu', 'linear', 'softmax'];
const OUTPUT_FOR: Readonly<Record<string, readonly string[]>> = {
  meanSquaredError: ['linear', 'sigmoid', 'tanh', 'relu', 'softmax'],
  meanAbsoluteError: ['linear', 'sigmoid', 'tanh', 'softmax'],
  binaryCrossentropy: ['sigmoid', 'softmax'],
  // sigmoid outputs do not sum to 1, so the loss's rescaling shows in the gradient.
  categoricalCrossentropy: ['softmax', 'sigmoid'],
  sparseCategoricalCrossentropy: ['softmax'],
  hinge: ['linear', 'tanh'],
};

function cases(): Case[] {
  const rand = mulberry32(13);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out: Case[] = [];
  for (const loss of Object.keys(OUTPUT_FOR)) {
    for (let k = 0; k < 6; k++) {
      const depth = 1 + Math.floor(rand() * 3);
      const sizes = [1 + Math.floor(rand() * 3), ...Array.from({ length: depth - 1 }, () => 1 + Math.floor(rand() * 3))];
      const outputs = loss.includes('ategorical') ? 2 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 2);
      const activations = [...Array.from({ length: depth - 1 }, () => pick(HIDDEN)), OUTPUT_FOR[loss][k % OUTPUT_FOR[loss].length]];
      out.push({ sizes: [...sizes, outputs], activations, loss, useBias: k % 3 !== 2 });
    }
  }
  return out;
}

/** float32 values, so that tfjs and the explanation start from the very same numbers. */
const f32 = (v: number) => Math.fround(v);

describe('forwardBackward against tfjs', () => {
  it.each(cases().map((c, i) => [`${i}: ${c.loss}, ${c.sizes.join('-')} ${c.activations.join('/')}${c.useBias ? '' : ', no bias'}`, c] as const))(
    'gives the loss and gradients tfjs gives for %s',
    (_label, c) => {
      const rand = mulberry32(c.sizes.reduce((a, b) => a * 31 + b, 7) + c.activations.length);
      const uniform = (lo: number, hi: number) => f32(lo + (hi - lo) * rand());
      const layers = c.activations.map((activation, l) => dense(`dense_${l + 1}`, c.sizes[l], c.sizes[l + 1], activation, c.useBias));
      const net: ExplainNet = { inputs: c.sizes[0], inputNames: [], layers, loss: c.loss, weightCount: 0 };
      const weights: LayerWeights[] = layers.map((l) => ({
        kernel: Array.from({ length: l.inputs }, () => Array.from({ length: l.units }, () => uniform(-1, 1))),
        bias: l.useBias ? Array.from({ length: l.units }, () => uniform(-0.5, 0.5)) : [],
      }));
      const x = Array.from({ length: net.inputs }, () => uniform(-1, 1));
      const units = layers[layers.length - 1].units;
      const target: number | number[] =
        c.loss === 'sparseCategoricalCrossentropy' || c.loss === 'categoricalCrossentropy'
          ? Math.floor(rand() * units)
          : c.loss === 'hinge'
            ? Array.from({ length: units }, () => (rand() < 0.5 ? 0 : 1))
            : Array.from({ length: units }, () => uniform(0, 1));
      const lr = 0.1;
      const trace = forwardBackward(net, weights, x, target, lr);

      const expected = tfjsStep(net, weights, x, trace.target, c.loss);
      expectClose(trace.loss, expected.loss, 'loss', 1);
      expectCloseAll(trace.output, expected.output, 'output', 1);
      // tfjs lists each layer's kernel, then its bias when it has one.
      const ours = layers.flatMap((l, i) => [trace.layers[i].dKernel.flat(), ...(l.useBias ? [trace.layers[i].dBias] : [])]);
      expect(ours.length).toBe(expected.grads.length);
      // The scale of the gradients: the largest of them, or of ∂L/∂output they all start from.
      const scale = Math.max(...expected.grads.flat().map(Math.abs), ...trace.layers[layers.length - 1].dA.map(Math.abs));
      ours.forEach((g, k) => expectCloseAll(g, expected.grads[k], `gradient ${k}`, scale));
      if (!c.useBias) expect(trace.layers.every((t) => t.dBias.length === 0)).toBe(true);
    },
  );
});

describe('the update against a tfjs SGD step', () => {
  it.each(['meanSquaredError', 'binaryCrossentropy', 'categoricalCrossentropy'])('moves every weight where tf.train.sgd moves it, for %s', (loss) => {
    const units = loss === 'categoricalCrossentropy' ? 3 : 1;
    const net: ExplainNet = { inputs: 2, inputNames: [], layers: [dense('a', 2, 3, 'tanh'), dense('b', 3, units, units > 1 ? 'softmax' : 'sigmoid')], loss, weightCount: 0 };
    const weights = exampleWeights(net, 5).map((w) => ({ kernel: w.kernel, bias: w.bias.map((_, j) => (j % 2 ? 0.1 : -0.2)) }));
    const trace = forwardBackward(net, weights, [0.5, -1.5], 1, 0.3);
    const after = tf.tidy(() => {
      const input = tf.input({ shape: [2] });
      let top: tf.SymbolicTensor = input;
      for (const l of net.layers) top = tf.layers.dense({ units: l.units, activation: l.activation as never }).apply(top) as tf.SymbolicTensor;
      const model = tf.model({ inputs: input, outputs: top });
      model.setWeights(weights.flatMap((w) => [tf.tensor2d(w.kernel as number[][]), tf.tensor1d(w.bias as number[])]));
      model.compile({ optimizer: 'sgd', loss });
      const xs = tf.tensor2d([[0.5, -1.5]]);
      const ys = tf.tensor2d([trace.target as number[]]);
      tf.train.sgd(0.3).minimize(() => tf.mean(model.lossFunctions[0](ys, model.apply(xs) as tf.Tensor)) as tf.Scalar, false, model.trainableWeights.map((w) => w.read() as tf.Variable));
      return model.getWeights().map((w) => Array.from(w.dataSync()));
    });
    const ours = trace.updated.flatMap((w) => [w.kernel.flat(), w.bias as number[]]);
    expect(ours.map((w) => w.length)).toEqual(after.map((w) => w.length));
    // float32 weights hold about 7 digits, so 1e-6 is their resolution near 1.
    ours.forEach((w, k) => w.forEach((v, i) => expect(Math.abs(v - after[k][i]), `weight ${k}[${i}]`).toBeLessThan(1e-6)));
    // And the step was not nothing.
    expect(ours.flat().some((v, i) => Math.abs(v - weights.flatMap((w) => [w.kernel.flat(), w.bias as number[]]).flat()[i]) > 1e-3)).toBe(true);
  });
});

describe('lossAndGradient at the clipping bounds', () => {
  // tfjs clips probabilities to [1e-7, 1 − 1e-7] before the log, and a clipped value passes no gradient.
  it.each([
    ['binaryCrossentropy', [1], [0]],
    ['binaryCrossentropy', [0, 0.25], [1, 0]],
    ['categoricalCrossentropy', [1, 0, 0], [0, 1, 0]],
    ['categoricalCrossentropy', [0.5, 0.5, 0], [0, 0, 1]],
  ] as const)('%s of %j against %j matches tfjs', (loss, output, target) => {
    const fn = loss === 'binaryCrossentropy' ? tf.metrics.binaryCrossentropy : tf.metrics.categoricalCrossentropy;
    const y = tf.tensor2d([[...target]]);
    const p = tf.tensor2d([[...output]]);
    const expected = tf.tidy(() => Number(tf.mean(fn(y, p)).arraySync()));
    const grad = tf.tidy(() => Array.from(tf.grad((q: tf.Tensor) => tf.mean(fn(y, q)))(p).dataSync()));
    const ours = lossAndGradient(loss, output, target);
    expect(Math.abs(ours.loss - expected)).toBeLessThan(1e-5 * expected);
    ours.grad.forEach((g, j) => expect(Math.abs(g - grad[j]), `∂L/∂a[${j}]: ${g} vs tfjs ${grad[j]}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(grad[j]))));
    expect(ours.grad.some((g) => g === 0)).toBe(true);
  });
});

/** The model tfjs would build from the same layers, its own loss (from compile), and its gradients. */
function tfjsStep(net: ExplainNet, weights: readonly LayerWeights[], x: readonly number[], target: readonly number[], loss: string) {
  return tf.tidy(() => {
    // The functional API, as the trainer builds its models.
    const input = tf.input({ shape: [net.inputs] });
    let top: tf.SymbolicTensor = input;
    for (const l of net.layers) top = tf.layers.dense({ units: l.units, activation: l.activation as never, useBias: l.useBias }).apply(top) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: top });
    model.setWeights(weights.flatMap((w, i) => [tf.tensor2d(w.kernel as number[][]), ...(net.layers[i].useBias ? [tf.tensor1d(w.bias as number[])] : [])]));
    model.compile({ optimizer: 'sgd', loss });
    const lossFn = model.lossFunctions[0];
    const xs = tf.tensor2d([x as number[]]);
    // sparseCategoricalCrossentropy takes the class index; the others the encoded row.
    const ys = loss === 'sparseCategoricalCrossentropy' ? tf.tensor2d([[target.indexOf(1)]]) : tf.tensor2d([target as number[]]);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    let output: number[] = [];
    const { value, grads } = tf.variableGrads(() => {
      const pred = model.apply(xs, { training: true }) as tf.Tensor;
      output = (pred.arraySync() as number[][])[0];
      return tf.mean(lossFn(ys, pred)) as tf.Scalar;
    }, vars);
    return { loss: value.arraySync(), output, grads: vars.map((v) => Array.from(grads[v.name].dataSync())) };
  });
}

/**
 * tfjs computes in float32 (about 7 significant digits) and the explanation
 * in float64, so they agree to a few parts in a million of the values' scale,
 * not of each value: where terms cancel (a softmax whose units all get the
 * same ∂L/∂a) tfjs leaves rounding noise of 1e-8 where the exact answer is 0.
 * Over 1,800 random nets the largest gap was 6e-6 of the scale, hence 1e-5
 * (3,000 nets checked at that bound).
 */
function expectClose(actual: number, expected: number, what: string, scale: number) {
  const tolerance = 1e-5 * Math.max(Math.abs(expected), scale) + 1e-15;
  expect(Math.abs(actual - expected), `${what}: ${actual} vs tfjs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function expectCloseAll(actual: readonly number[], expected: readonly number[], what: string, scale: number) {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((v, i) => expectClose(v, expected[i], `${what}[${i}]`, scale));
}

describe('exampleWeights', () => {
  it('draws Glorot-uniform kernels of the right shape, two decimals, zero biases, the same for the same seed', () => {
    const net: ExplainNet = { inputs: 2, inputNames: ['x1', 'x2'], layers: [dense('a', 2, 4, 'tanh'), dense('b', 4, 1, 'sigmoid', false)], loss: 'binaryCrossentropy', weightCount: 16 };
    const w = exampleWeights(net, 7);
    expect(w.map((l) => [l.kernel.length, l.kernel[0].length, l.bias.length])).toEqual([
      [2, 4, 4],
      [4, 1, 0],
    ]);
    expect(w[0].bias).toEqual([0, 0, 0, 0]);
    const limit = Math.sqrt(6 / 6);
    for (const v of w[0].kernel.flat()) {
      expect(Math.abs(v)).toBeLessThanOrEqual(limit + 0.005);
      expect(Math.round(v * 100) / 100).toBe(v);
    }
    expect(exampleWeights(net, 7)).toEqual(w);
    expect(exampleWeights(net, 8)).not.toEqual(w);
    expect(() => forwardBackward(net, w, [1, 0], 1, 0.1)).not.toThrow();
  });
});
