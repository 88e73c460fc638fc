import { GraphBuilder } from '../document/builder.ts';
import type { Template } from './types.ts';

export const xorMlp: Template = {
  id: 'xor-mlp',
  title: 'XOR with a hidden layer',
  description: 'XOR cannot be split by one straight line; four tanh units in a hidden layer bend the boundary until it can.',
  build() {
    const b = new GraphBuilder('XOR MLP', xorMlp.description);
    const x = b.add('Input', { shape: [2] });
    b.sequence(x, [
      ['Dense', { units: 4, activation: 'tanh' }],
      ['Dense', { units: 1, activation: 'sigmoid' }],
    ]);
    return b
      .withLesson(
        'Delete the hidden Dense layer and wire the Input straight to the output: the boundary stays a straight line and the accuracy stops near 50 %. Put it back with only 2 units, then 1, and see how many bends the boundary still gets.',
      )
      .withDataset({ kind: 'generated', name: 'xor', samples: 200, noise: 0.05, trainRatio: 0.8, seed: 1 })
      .withTraining({ optimizer: 'adam', learningRate: 0.05, loss: 'binaryCrossentropy', metrics: ['accuracy'], batchSize: 16, epochs: 60, validationSplit: 0 })
      .build();
  },
};
