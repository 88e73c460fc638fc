import { GraphBuilder } from '../document/builder.ts';
import type { Template } from './types.ts';

/**
 * Overfitting on purpose: two overlapping clouds of 60 points, a fifth of them
 * held out for validation, and two hidden layers of 64 units (over 4,000
 * weights for 48 training points). Adam at 0.01 drives the training loss down
 * by memorising the noisy points, and the validation loss turns back up after
 * the first few dozen epochs. The lesson's cures are one field away each.
 */
export const overfitting: Template = {
  id: 'overfitting',
  title: 'Overfitting and its cures',
  description: 'A network far too big for 48 noisy points: the training loss keeps falling while the validation loss turns back up.',
  build() {
    const b = new GraphBuilder('Overfitting a small set', overfitting.description);
    const x = b.add('Input', { shape: [2] });
    b.sequence(x, [
      ['Dense', { units: 64, activation: 'relu' }],
      ['Dense', { units: 64, activation: 'relu' }],
      ['Dense', { units: 1, activation: 'sigmoid' }],
    ]);
    return b
      .withLesson(
        'Train it and watch the Curves tab: the validation loss turns up while the training loss keeps falling. Then cure it one way at a time: put a Dropout layer (rate 0.5) after each hidden layer, or set their kernel regularizer to l2, or turn on early stopping on val_loss, and see the two curves stay together.',
      )
      .withDataset({ kind: 'generated', name: 'gaussian', samples: 75, noise: 0.6, trainRatio: 0.8, seed: 3 })
      .withTraining({ optimizer: 'adam', learningRate: 0.003, loss: 'binaryCrossentropy', metrics: ['accuracy'], batchSize: 16, epochs: 100, validationSplit: 0.2 })
      .build();
  },
};
