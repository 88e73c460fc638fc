import { GraphBuilder } from '../document/builder.ts';
import type { Template } from './types.ts';

/**
 * The classic small Keras CIFAR-10 network, shrunk to train in minutes on a
 * CPU. CIFAR-10 cannot ship with the app: the dataset points at a
 * cifar-10-batches-bin folder beside the project, which the user unpacks
 * there or replaces in the Data panel.
 */
export const cifar10Cnn: Template = {
  id: 'cifar10-cnn',
  title: 'CIFAR-10 convolutional network',
  description: 'Colour photos of 10 kinds of object through three convolution + pooling stages; reads CIFAR-10 from your disk.',
  build() {
    const b = new GraphBuilder('CIFAR-10 CNN', cifar10Cnn.description);
    const x = b.add('Input', { shape: [32, 32, 3] });
    b.sequence(x, [
      ['Conv2D', { filters: 32, kernelSize: [3, 3], padding: 'same', activation: 'relu' }],
      ['MaxPooling2D', { poolSize: [2, 2] }],
      ['Conv2D', { filters: 64, kernelSize: [3, 3], padding: 'same', activation: 'relu' }],
      ['MaxPooling2D', { poolSize: [2, 2] }],
      ['Conv2D', { filters: 64, kernelSize: [3, 3], padding: 'same', activation: 'relu' }],
      ['MaxPooling2D', { poolSize: [2, 2] }],
      ['Flatten'],
      ['Dense', { units: 64, activation: 'relu' }],
      ['Dropout', { rate: 0.3 }],
      ['Dense', { units: 10, activation: 'softmax' }],
    ]);
    return b
      .withLesson(
        'First download the binary version of CIFAR-10 (cifar-10-binary.tar.gz), unpack it and choose its cifar-10-batches-bin folder in the Data panel. ' +
          'It trains on the first 10,000 pictures; clear the training subset for all 50,000. While it trains, open the Inside tab of the dashboard, pick a test picture and see which parts of it each layer\'s feature maps light up for, beside the first convolution\'s 32 filters. ' +
          'Then remove the Dropout layer and watch the validation loss turn upward after a few epochs while the training loss keeps falling.',
      )
      .withDataset({ kind: 'cifar10', folder: 'cifar-10-batches-bin', trainSubset: 10_000, testSubset: 2_000 })
      .withTraining({ optimizer: 'adam', learningRate: 0.001, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize: 64, epochs: 10, validationSplit: 0.1 })
      .build();
  },
};
