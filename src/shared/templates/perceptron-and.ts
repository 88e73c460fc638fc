import { GraphBuilder } from '../document/builder.ts';
import type { Template } from './types.ts';

export const perceptronAnd: Template = {
  id: 'perceptron-and',
  title: 'Perceptron: logical AND',
  description: 'One neuron learns AND of two inputs: the smallest network that learns, a straight line between two classes.',
  build() {
    const b = new GraphBuilder('Perceptron (AND)', perceptronAnd.description);
    const x = b.add('Input', { shape: [2] });
    b.chain(x, b.add('Dense', { units: 1, activation: 'sigmoid' }));
    return b
      .withLesson(
        'Change the dataset to "or" and train again: one neuron learns that line too. Then pick "xor" and watch the accuracy stall near 50 %, because no single straight line separates XOR\'s corners.',
      )
      .withDataset({ kind: 'generated', name: 'and', samples: 200, noise: 0.05, trainRatio: 0.8, seed: 1 })
      .withTraining({ optimizer: 'sgd', learningRate: 0.5, loss: 'binaryCrossentropy', metrics: ['accuracy'], batchSize: 8, epochs: 40, validationSplit: 0 })
      .build();
  },
};
