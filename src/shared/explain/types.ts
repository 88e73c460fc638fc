/**
 * The data of "Explain a step": a tiny dense network, its weights, and the
 * numbers of one forward and backward pass on one sample. Plain readonly data,
 * so the renderer can show it and tests can compare it with tfjs.
 */

/** One Dense layer of an explainable chain (an Activation layer after it is folded into `activation`). */
export interface ExplainLayer {
  /** Graph node id of the Dense layer, so the canvas can highlight it. */
  readonly nodeId: string;
  /** Its display name (dense_1 …). */
  readonly name: string;
  /** Fan-in. */
  readonly inputs: number;
  readonly units: number;
  /** Catalog activation name ('linear', 'sigmoid', 'relu', 'tanh', 'softmax', …). */
  readonly activation: string;
  readonly useBias: boolean;
}

export interface ExplainNet {
  /** Size of the (flat) input. */
  readonly inputs: number;
  /** 'x1', 'x2' … (feature names when the dataset gives them). */
  readonly inputNames: readonly string[];
  readonly layers: readonly ExplainLayer[];
  /** TrainingSettings['loss']. */
  readonly loss: string;
  /** All kernels + biases. */
  readonly weightCount: number;
  /**
   * What the explanation leaves out, one sentence each, to show beside it:
   * Dropout layers skipped, an optimizer other than plain gradient descent.
   */
  readonly notes?: readonly string[];
}

/** kernel[i][j]: from input i to unit j (tfjs' [in, out] layout); bias[j] (empty when useBias is false). */
export interface LayerWeights {
  readonly kernel: readonly (readonly number[])[];
  readonly bias: readonly number[];
}

export interface LayerTrace {
  /** a of the previous layer (x for the first). */
  readonly input: readonly number[];
  /** Weighted sums Σ w·a + b. */
  readonly z: readonly number[];
  /** Activations f(z). */
  readonly a: readonly number[];
  /** ∂L/∂a. */
  readonly dA: readonly number[];
  /** ∂L/∂z. */
  readonly dZ: readonly number[];
  /** ∂L/∂w, same layout as kernel. */
  readonly dKernel: readonly (readonly number[])[];
  readonly dBias: readonly number[];
}

export interface StepTrace {
  readonly x: readonly number[];
  /** One-hot for sparse/categorical targets, as the loss sees it. */
  readonly target: readonly number[];
  readonly layers: readonly LayerTrace[];
  readonly output: readonly number[];
  readonly loss: number;
  readonly learningRate: number;
  /** w − η·∂L/∂w, b − η·∂L/∂b (plain gradient descent). */
  readonly updated: readonly LayerWeights[];
}

/** One stop when stepping through the pass: what the canvas highlights and what the caption says. */
export type ExplainStage =
  | { readonly kind: 'forward'; readonly layer: number } // z and a of layer `layer`
  | { readonly kind: 'loss' }
  | { readonly kind: 'backward'; readonly layer: number } // dZ, dKernel, dBias of layer `layer` (last layer first)
  | { readonly kind: 'update'; readonly layer: number };
