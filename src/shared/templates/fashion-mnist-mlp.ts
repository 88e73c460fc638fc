import { GraphBuilder } from '../document/builder.ts';
import type { Template } from './types.ts';

/** The classification MLP of Géron's "Hands-On Machine Learning" (chapter 10): 266,610 parameters. */
export const fashionMnistMlp: Template = {
  id: 'fashion-mnist-mlp',
  title: 'Fashion-MNIST MLP',
  description: 'Clothing pictures through two hidden ReLU layers (300 and 100 units), the 266,610-parameter network from the Keras book.',
  build() {
    const b = new GraphBuilder('Fashion-MNIST MLP', fashionMnistMlp.description);
    const x = b.add('Input', { shape: [28, 28] });
    b.sequence(x, [
      ['Flatten'],
      ['Dense', { units: 300, activation: 'relu' }],
      ['Dense', { units: 100, activation: 'relu' }],
      ['Dense', { units: 10, activation: 'softmax' }],
    ]);
    return b
      .withLesson(
        'Halve both hidden layers (150 and 50 units) and compare the validation accuracy with this run: the parameter count drops by more than half. Then switch the optimizer to adam with learning rate 0.001 and see how much sooner the curve flattens.',
      )
      .withDataset({ kind: 'builtin', name: 'fashion-mnist' })
      // As in the book: plain SGD (Keras' default rate 0.01), 30 epochs, 5,000 of 60,000 images kept for validation.
      .withTraining({ optimizer: 'sgd', learningRate: 0.01, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize: 32, epochs: 30, validationSplit: 0.0833 })
      .build();
  },
};
