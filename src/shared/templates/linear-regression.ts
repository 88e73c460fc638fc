import { GraphBuilder } from '../document/builder.ts';
import type { Template } from './types.ts';

export const linearRegression: Template = {
  id: 'linear-regression',
  title: 'Linear regression',
  description: 'One linear neuron fits y = 2x + 1 from noisy points: its weight should approach 2 and its bias 1.',
  build() {
    const b = new GraphBuilder('Linear regression', linearRegression.description);
    const x = b.add('Input', { shape: [1] });
    b.chain(x, b.add('Dense', { units: 1, activation: 'linear' }));
    return b
      .withLesson(
        'Watch the Weights tab: the kernel should settle near 2 and the bias near 1. Raise the learning rate to 1.2 and the loss explodes instead; lower it to 0.01 and it crawls.',
      )
      .withDataset({ kind: 'generated', name: 'linear', samples: 200, noise: 0.1, trainRatio: 0.8, seed: 1 })
      .withTraining({ optimizer: 'sgd', learningRate: 0.1, loss: 'meanSquaredError', metrics: ['mae'], batchSize: 16, epochs: 50, validationSplit: 0 })
      .build();
  },
};
