import { GraphBuilder } from '../document/builder.ts';
import type { LayerWeights } from '../explain/types.ts';
import type { Template, WorkedExample } from './types.ts';

/**
 * Matt Mazur's "A Step by Step Backpropagation Example" (2015), the network
 * courses work by hand, with its first output only: inputs 0.05 and 0.10,
 * target 0.01, two sigmoid hidden units and a sigmoid output.
 */
const worked: WorkedExample = {
  // kernel[i][j]: from input i to unit j (w1 = i1→h1, w2 = i2→h1, w3 = i1→h2, w4 = i2→h2; w5 = h1→o1, w6 = h2→o1).
  weights: [
    { kernel: [[0.15, 0.25], [0.2, 0.3]], bias: [0.35, 0.35] },
    { kernel: [[0.4], [0.45]], bias: [0.6] },
  ],
  x: [0.05, 0.1],
  target: [0.01],
  source: 'the textbook starting weights (Mazur’s step-by-step backpropagation example)',
};

/** Dense's startWeights order: the kernel input by input, then the biases. */
function flat(w: LayerWeights): number[] {
  return [...w.kernel.flat(), ...w.bias];
}

export const workedTwoTwoOne: Template = {
  id: 'worked-2-2-1',
  title: 'The 2-2-1 network, worked by hand',
  description: 'The backpropagation example worked in class, with the textbook’s starting weights, explained one step at a time.',
  opensIn: 'explain',
  worked,
  build() {
    const b = new GraphBuilder('Worked example 2-2-1', workedTwoTwoOne.description);
    const x = b.add('Input', { shape: [2] });
    // The trainer and the exported program start from these weights too (Dense's startWeights).
    b.sequence(x, [
      ['Dense', { units: 2, activation: 'sigmoid', startWeights: flat(worked.weights[0]) }],
      ['Dense', { units: 1, activation: 'sigmoid', startWeights: flat(worked.weights[1]) }],
    ]);
    return b
      .withLesson(
        'Step with ▶ through one training step on the textbook sample x = (0.05, 0.10), target 0.01, from w1…w4 = 0.15, 0.20, 0.25, 0.30, b1 = 0.35, w5, w6 = 0.40, 0.45, b2 = 0.60: ' +
          'h1 = sigmoid(0.3775) = 0.5933, the output is 0.7514 and the squared error (0.7514 − 0.01)² = 0.5496. ' +
          'The textbook halves the squared error; tfjs does not, so every gradient here is twice the book’s: ∂L/∂w5 = 0.1643 (the book: 0.0822), and with η = 0.5, w5 becomes 0.3178. ' +
          'Try η = 0.25 in the Train settings and the updates match the book’s (w5 = 0.3589). ' +
          'Training starts from the same weights (each Dense layer’s Starting weights in the inspector); after a run, pick its weights to explain a later step.',
      )
      .withDataset({ kind: 'generated', name: 'and', samples: 50, noise: 0.05, trainRatio: 0.8, seed: 1 })
      .withTraining({ optimizer: 'sgd', learningRate: 0.5, loss: 'meanSquaredError', metrics: ['accuracy'], batchSize: 1, epochs: 30, validationSplit: 0 })
      .build();
  },
};
