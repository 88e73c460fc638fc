import { GraphBuilder } from '../document/builder.ts';
import type { Template } from './types.ts';

export const mnistSoftmax: Template = {
  id: 'mnist-softmax',
  title: 'MNIST softmax regression',
  description: 'Handwritten digits with a single softmax layer, the classic first TensorFlow tutorial: about 92 % with no hidden layer.',
  build() {
    const b = new GraphBuilder('MNIST softmax regression', mnistSoftmax.description);
    const x = b.add('Input', { shape: [28, 28] });
    b.sequence(x, [['Flatten'], ['Dense', { units: 10, activation: 'softmax' }]]);
    return b
      .withLesson(
        'Set the learning rate to 0.05, then to 5, and compare the loss curves with the 0.5 run in the Runs tab. Then add a Dense layer of 128 ReLU units before the output and see if the accuracy passes 92 %.',
      )
      .withDataset({ kind: 'builtin', name: 'mnist' })
      // The tutorial's plain gradient descent at 0.5 with batches of 100.
      .withTraining({ optimizer: 'sgd', learningRate: 0.5, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize: 100, epochs: 5, validationSplit: 0.1 })
      .build();
  },
};
