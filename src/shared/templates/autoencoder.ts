import { GraphBuilder } from '../document/builder.ts';
import type { Template } from './types.ts';

/** The target is the input itself (`autoencode`), so the labels are never used. */
export const autoencoder: Template = {
  id: 'autoencoder',
  title: 'Autoencoder',
  description: 'Squeezes each digit through a 32-number bottleneck and reconstructs its input from it: learning without labels.',
  build() {
    const b = new GraphBuilder('MNIST autoencoder', autoencoder.description);
    const x = b.add('Input', { shape: [28, 28] });
    b.sequence(x, [
      ['Flatten'],
      ['Dense', { units: 64, activation: 'relu' }, 'encoder'],
      ['Dense', { units: 32, activation: 'relu' }, 'code'],
      ['Dense', { units: 64, activation: 'relu' }, 'decoder'],
      // Sigmoid keeps the reconstructed pixels between 0 and 1, like the input's.
      ['Dense', { units: 784, activation: 'sigmoid' }, 'pixels'],
      ['Reshape', { targetShape: [28, 28] }, 'image'],
    ]);
    return b
      .withLesson(
        'Note the final loss, then shrink the code layer from 32 units to 2 and train again: the loss stays clearly higher, because two numbers cannot hold every detail of a digit. Try 8 to see where it stops mattering.',
      )
      .withDataset({ kind: 'builtin', name: 'mnist', autoencode: true })
      .withTraining({ optimizer: 'adam', learningRate: 0.001, loss: 'meanSquaredError', metrics: ['mae'], batchSize: 128, epochs: 10, validationSplit: 0.1 })
      .build();
  },
};
