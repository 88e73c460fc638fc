import { GraphBuilder } from '../document/builder.ts';
import type { Template } from './types.ts';

/**
 * The course's tuning exercise: Keras' build_model(n_hidden, n_neurons) handed
 * to GridSearchCV with cv=3, here as a search that repeats the hidden layer
 * 1 to 3 times and tries two widths, each scored by 3-fold cross-validation
 * with early stopping, on 3,000 MNIST digits so the 18 runs take minutes.
 */
export const mnistSearch: Template = {
  id: 'mnist-search',
  title: 'MNIST: how many hidden layers?',
  description: 'A grid search over the number of hidden layers and their units, each scored by 3-fold cross-validation, as in the course.',
  build() {
    const b = new GraphBuilder('MNIST hidden-layer search', mnistSearch.description);
    const x = b.add('Input', { shape: [28, 28] });
    b.sequence(x, [
      ['Flatten'],
      ['Dense', { units: 32, activation: 'relu' }],
      ['Dense', { units: 10, activation: 'softmax' }],
    ]);
    return b
      .withLesson(
        'Run the search and sort the table by score: does a third hidden layer help? Add 128 to the units list and see whether the best trial changes and how much longer the search takes.',
      )
      .withDataset({ kind: 'builtin', name: 'mnist', trainSubset: 3000, testSubset: 1000 })
      .withTraining({
        optimizer: 'adam',
        learningRate: 0.003,
        loss: 'sparseCategoricalCrossentropy',
        metrics: ['accuracy'],
        batchSize: 64,
        epochs: 20,
        validationSplit: 0.1,
        earlyStopping: { monitor: 'val_loss', patience: 3, restoreBestWeights: true },
      })
      .withSearch({
        method: 'grid',
        trials: 6,
        seed: 42,
        rankBy: 'val_acc',
        validation: { kind: 'kfold', folds: 3 },
        dimensions: [
          { id: 'n_hidden', target: { kind: 'repeat', nodes: ['dense_1'] }, values: { kind: 'list', items: [1, 2, 3] } },
          { id: 'n_neurons', target: { kind: 'layer', nodes: ['dense_1'], param: 'units' }, values: { kind: 'list', items: [16, 64] } },
        ],
      })
      .build();
  },
};
