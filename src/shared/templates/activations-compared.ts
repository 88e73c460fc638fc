import { circleComparison } from './circle-comparison.ts';
import type { Template } from './types.ts';

/**
 * One network, four hidden activations on the circle set: a grid search over
 * the activation of both hidden layers, so one Search run trains them all and
 * the Search tab overlays their curves. "linear" is in the list on purpose:
 * without a non-linearity the hidden layers collapse into one straight line,
 * which cannot enclose a circle.
 */
export const activationsCompared: Template = {
  id: 'activations-compared',
  title: 'Activations compared',
  description: 'The same circle network with sigmoid, tanh, ReLU and linear hidden units, trained by one search with the curves overlaid.',
  build() {
    const lesson =
      'Open the Search tab and press Start search: the four activations train the same network, curves overlaid. The linear one never gets below the loss of a coin toss, since a stack of linear layers still draws one straight line; apply the sigmoid and tanh trials from the table and compare their boundaries in the Boundary tab.';
    return circleComparison('Activations compared', activationsCompared.description, lesson, 4)
      .withTraining({ optimizer: 'adam', learningRate: 0.03, loss: 'binaryCrossentropy', metrics: ['accuracy'], batchSize: 16, epochs: 40, validationSplit: 0.2 })
      .withSearch({
        method: 'grid',
        trials: 4,
        seed: 1,
        rankBy: 'val_loss',
        validation: { kind: 'holdout' },
        dimensions: [
          { id: 'activation', target: { kind: 'layer', nodes: ['dense_1', 'dense_2'], param: 'activation' }, values: { kind: 'list', items: ['sigmoid', 'tanh', 'relu', 'linear'] } },
        ],
      })
      .build();
  },
};
