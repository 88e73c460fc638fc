/** The starter projects, in gallery order: from one neuron to convolutions and sequences. */
import { activationsCompared } from './activations-compared.ts';
import { autoencoder } from './autoencoder.ts';
import { cifar10Cnn } from './cifar10-cnn.ts';
import { fashionMnistMlp } from './fashion-mnist-mlp.ts';
import { lenetCnn } from './lenet-cnn.ts';
import { linearRegression } from './linear-regression.ts';
import { lstmSequence } from './lstm-sequence.ts';
import { mnistSearch } from './mnist-search.ts';
import { mnistSoftmax } from './mnist-softmax.ts';
import { optimizersCompared } from './optimizers-compared.ts';
import { overfitting } from './overfitting.ts';
import { perceptronAnd } from './perceptron-and.ts';
import type { Template } from './types.ts';
import { workedTwoTwoOne } from './worked-two-two-one.ts';
import { xorMlp } from './xor-mlp.ts';

export type { Template } from './types.ts';

export const TEMPLATES: readonly Template[] = [
  perceptronAnd,
  xorMlp,
  workedTwoTwoOne,
  linearRegression,
  activationsCompared,
  optimizersCompared,
  overfitting,
  mnistSoftmax,
  fashionMnistMlp,
  mnistSearch,
  lenetCnn,
  cifar10Cnn,
  lstmSequence,
  autoencoder,
];

export function getTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
