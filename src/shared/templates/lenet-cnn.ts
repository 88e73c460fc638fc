import { GraphBuilder } from '../document/builder.ts';
import type { Template } from './types.ts';

/** LeCun's LeNet-5 layout with ReLU and max pooling, as most tutorials now teach it. */
export const lenetCnn: Template = {
  id: 'lenet-cnn',
  title: 'LeNet convolutional network',
  description: 'Digits through two convolution + pooling stages and a small classifier: learned filters beat a plain MLP with fewer weights.',
  build() {
    const b = new GraphBuilder('LeNet CNN (MNIST)', lenetCnn.description);
    const x = b.add('Input', { shape: [28, 28, 1] });
    b.sequence(x, [
      // 'same' keeps 28×28 so the layer sizes match the original's 32×32 input.
      ['Conv2D', { filters: 6, kernelSize: [5, 5], padding: 'same', activation: 'relu' }],
      ['MaxPooling2D', { poolSize: [2, 2] }],
      ['Conv2D', { filters: 16, kernelSize: [5, 5], activation: 'relu' }],
      ['MaxPooling2D', { poolSize: [2, 2] }],
      ['Flatten'],
      ['Dense', { units: 120, activation: 'relu' }],
      ['Dense', { units: 10, activation: 'softmax' }],
    ]);
    return b
      .withLesson(
        'After training, open the Weights tab and look at the first convolution\'s 6 filters as images. Change its filters to 2 and compare the accuracy; then remove both pooling layers and watch the Dense layer\'s parameter count grow.',
      )
      .withDataset({ kind: 'builtin', name: 'mnist' })
      .withTraining({ optimizer: 'adam', learningRate: 0.001, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize: 64, epochs: 5, validationSplit: 0.1 })
      .build();
  },
};
