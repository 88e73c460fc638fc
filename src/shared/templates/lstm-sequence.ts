import { GraphBuilder } from '../document/builder.ts';
import type { Template } from './types.ts';

/** Reads each digit top to bottom: the 28 pixel rows are the time steps, 28 pixels per step. */
export const lstmSequence: Template = {
  id: 'lstm-sequence',
  title: 'LSTM reading digits row by row',
  description: 'An LSTM reads each MNIST image as a sequence of 28 rows and names the digit from what it remembers at the end.',
  build() {
    const b = new GraphBuilder('LSTM sequence classifier (MNIST rows)', lstmSequence.description);
    const x = b.add('Input', { shape: [28, 28] });
    b.sequence(x, [
      ['LSTM', { units: 64, returnSequences: false }],
      ['Dense', { units: 10, activation: 'softmax' }],
    ]);
    return b
      .withLesson(
        'Change the LSTM\'s units from 64 to 16 and compare the accuracy after 5 epochs. Then swap the LSTM for a GRU of the same size and compare the training time per epoch.',
      )
      .withDataset({ kind: 'builtin', name: 'mnist' })
      .withTraining({ optimizer: 'adam', learningRate: 0.001, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize: 64, epochs: 5, validationSplit: 0.1 })
      .build();
  },
};
