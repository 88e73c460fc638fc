/** The starter projects, in gallery order: from one neuron to convolutions and sequences. */
import { autoencoder } from './autoencoder.ts';
import { fashionMnistMlp } from './fashion-mnist-mlp.ts';
import { lenetCnn } from './lenet-cnn.ts';
import { linearRegression } from './linear-regression.ts';
import { lstmSequence } from './lstm-sequence.ts';
import { mnistSearch } from './mnist-search.ts';
import { mnistSoftmax } from './mnist-softmax.ts';
import { perceptronAnd } from './perceptron-and.ts';
import type { Template } from './types.ts';
import { xorMlp } from './xor-mlp.ts';

export type { Template } from './types.ts';

export const TEMPLATES: readonly Template[] = [
  perceptronAnd,
  xorMlp,
  linearRegression,
  mnistSoftmax,
  fashionMnistMlp,
  mnistSearch,
  lenetCnn,
  lstmSequence,
  autoencoder,
];

export function getTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
