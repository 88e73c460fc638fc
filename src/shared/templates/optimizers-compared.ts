import { circleComparison } from './circle-comparison.ts';
import type { Template } from './types.ts';

/**
 * One network, four optimizers: a grid search whose only dimension is the
 * optimizer, so that a single Search run trains all four from the same
 * starting weights on the same data, and the Search tab draws their
 * validation curves over each other. The learning rate is one that suits
 * the adaptive optimizers; plain SGD crawls at it, which is the point.
 */
export const optimizersCompared: Template = {
  id: 'optimizers-compared',
  title: 'Optimizers compared',
  description: 'The same circle network trained four times, with SGD, momentum, RMSprop and Adam, and their loss curves overlaid.',
  build() {
    const lesson =
      'Open the Search tab and press Start search: all four optimizers train the same network and their validation curves appear on one plot. Plain SGD is still high when Adam has finished; raise the learning rate to 0.1 and run again to see which ones profit and which start to jump around.';
    return circleComparison('Optimizers compared', optimizersCompared.description, lesson, 2)
      .withTraining({ optimizer: 'adam', learningRate: 0.01, momentum: 0.9, loss: 'binaryCrossentropy', metrics: ['accuracy'], batchSize: 16, epochs: 40, validationSplit: 0.2 })
      .withSearch({
        method: 'grid',
        trials: 4,
        seed: 1,
        rankBy: 'val_loss',
        validation: { kind: 'holdout' },
        dimensions: [{ id: 'optimizer', target: { kind: 'training', setting: 'optimizer' }, values: { kind: 'list', items: ['sgd', 'momentum', 'rmsprop', 'adam'] } }],
      })
      .build();
  },
};
