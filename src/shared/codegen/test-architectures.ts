/**
 * Projects the codegen tests export, type-check and run: the starter
 * templates, and cases that between them use every layer kind in the
 * catalog, every optimizer and loss, and every dataset kind, so that a change
 * anywhere in codegen (or a new catalog entry) meets tsc and a real tfjs run.
 */
import { GraphBuilder } from '../document/builder.ts';
import type { GraphDoc } from '../document/schema.ts';
import { TEMPLATES } from '../templates/index.ts';

export interface Architecture {
  readonly id: string;
  readonly doc: GraphDoc;
  /** Arguments for the program's run ('--summary-only' unless the case trains for real), or null to type-check it only. */
  readonly args: readonly string[] | null;
  /** Files the run needs in its data folder (written by the test before running). */
  readonly data?: 'csv' | 'images';
}

function mlpOnMnist(): GraphDoc {
  const b = new GraphBuilder('MNIST MLP');
  const x = b.add('Input', { shape: [28, 28] });
  b.sequence(x, [['Flatten'], ['Dense', { units: 300, activation: 'relu' }], ['Dense', { units: 100, activation: 'relu' }], ['Dense', { units: 10, activation: 'softmax' }]]);
  return b.withDataset({ kind: 'builtin', name: 'mnist', trainSubset: 256, testSubset: 50 }).withTraining({ optimizer: 'adam', epochs: 5, batchSize: 64 }).build();
}

function cnn(): GraphDoc {
  const b = new GraphBuilder('Small CNN');
  const x = b.add('Input', { shape: [28, 28, 1] });
  b.sequence(x, [
    ['Conv2D', { filters: 8, kernelSize: [3, 3], activation: 'relu', kernelRegularizer: 'l2', kernelL2: 0.001 }],
    ['MaxPooling2D', { poolSize: [2, 2] }],
    ['Conv2D', { filters: 16, kernelSize: [3, 3], padding: 'same', activation: 'relu' }],
    ['MaxPooling2D', { poolSize: [2, 2] }],
    ['Flatten'],
    ['Dense', { units: 10, activation: 'softmax' }],
  ]);
  const dataset = { kind: 'idx', trainImages: 'train-images-idx3-ubyte', trainLabels: 'train-labels-idx1-ubyte', testImages: 't10k-images-idx3-ubyte', testLabels: 't10k-labels-idx1-ubyte' } as const;
  return b.withDataset(dataset).withTraining({ optimizer: 'sgd', learningRate: 0.05, loss: 'categoricalCrossentropy' }).build();
}

function lstm(): GraphDoc {
  const b = new GraphBuilder('LSTM regressor');
  const x = b.add('Input', { shape: [10, 4] });
  b.sequence(x, [['LSTM', { units: 16, kernelRegularizer: 'l1', kernelL1: 0.001 }], ['Dense', { units: 1 }]]);
  return b.withTraining({ optimizer: 'rmsprop', loss: 'meanAbsoluteError', metrics: ['mae'], schedule: { kind: 'exponential', decayPerEpoch: 0.9 } }).build();
}

function residual(): GraphDoc {
  const b = new GraphBuilder('Residual block');
  const x = b.add('Input', { shape: [2] });
  const h = b.sequence(x, [['Dense', { units: 16, activation: 'relu' }], ['Dense', { units: 2 }]]);
  const sum = b.add('Add');
  b.connect(x, sum).connect(h, sum);
  b.sequence(sum, [['Activation', { activation: 'relu' }], ['Dense', { units: 1 }]]);
  return b.withDataset({ kind: 'generated', name: 'plane', samples: 100, noise: 0.1, trainRatio: 0.8, seed: 5 }).withTraining({ optimizer: 'momentum', momentum: 0.8, learningRate: 0.01, loss: 'meanSquaredError', metrics: [] }).build();
}

function concatenate(): GraphDoc {
  const b = new GraphBuilder('Two branches');
  // 2×2 RGB pictures: 12 values per sample.
  const x = b.add('Input', { shape: [12] });
  const left = b.sequence(x, [['Dense', { units: 4, activation: 'tanh' }]]);
  const right = b.sequence(x, [['Dense', { units: 6, activation: 'relu' }]]);
  const joined = b.add('Concatenate');
  b.connect(left, joined).connect(right, joined);
  b.sequence(joined, [['Dense', { units: 2, activation: 'softmax' }]]);
  return b.withDataset({ kind: 'images', folder: 'pictures', width: 2, height: 2, grayscale: false, testRatio: 0.25 }).withTraining({ optimizer: 'adagrad', learningRate: 0.1 }).build();
}

function twoInputs(): GraphDoc {
  const b = new GraphBuilder('Two inputs');
  const a = b.add('Input', { shape: [3] });
  const c = b.add('Input', { shape: [5] });
  const joined = b.add('Concatenate');
  b.connect(a, joined).connect(c, joined);
  b.sequence(joined, [['Dense', { units: 2, activation: 'softmax' }]]);
  const dataset = { kind: 'csv', path: 'table.csv', target: 'label', ignore: ['id'], scaling: 'standard', task: 'classification', testRatio: 0.25 } as const;
  return b.withDataset(dataset).withTraining({ optimizer: 'adadelta', learningRate: 1, validationSplit: 0 }).build();
}

function batchNorm(): GraphDoc {
  const b = new GraphBuilder('Batch-normalised MLP');
  // x1, x2, x1², x2²
  const x = b.add('Input', { shape: [4] });
  b.sequence(x, [
    ['Dense', { units: 8, useBias: false, kernelRegularizer: 'l1l2', kernelL1: 0.001, kernelL2: 0.01, kernelInitializer: 'heNormal' }],
    ['BatchNormalization'],
    ['Activation', { activation: 'tanh' }],
    ['Dropout', { rate: 0.1 }],
    ['Dense', { units: 1, activation: 'sigmoid' }],
  ]);
  const early = { monitor: 'val_loss', patience: 1, restoreBestWeights: true } as const;
  return b
    .withDataset({ kind: 'generated', name: 'circle', samples: 120, noise: 0.05, trainRatio: 0.75, seed: 9, features: ['x1sq', 'x2sq'] })
    .withTraining({ optimizer: 'adamax', learningRate: 0.05, loss: 'binaryCrossentropy', earlyStopping: early, schedule: { kind: 'step', everyEpochs: 1, factor: 0.5 } })
    .build();
}

function xor(): GraphDoc {
  const b = new GraphBuilder('XOR');
  const x = b.add('Input', { shape: [2] });
  b.sequence(x, [['Dense', { units: 8, activation: 'tanh' }], ['Dense', { units: 1, activation: 'sigmoid' }]]);
  return b.withDataset({ kind: 'generated', name: 'xor', samples: 200, noise: 0.05, trainRatio: 0.8, seed: 1 }).withTraining({ optimizer: 'adam', learningRate: 0.05, loss: 'hinge' }).build();
}

/** Token sequences through embeddings, 1-D convolutions and every recurrent kind. */
function sequenceZoo(): GraphDoc {
  const b = new GraphBuilder('Sequence zoo');
  const x = b.add('Input', { shape: [20], dtype: 'int32' });
  const seq = b.sequence(x, [
    ['Embedding', { inputDim: 100, outputDim: 8, embeddingsRegularizer: 'l2' }],
    ['Conv1D', { filters: 8, kernelSize: [3], padding: 'same', activation: 'relu' }],
    ['MaxPooling1D'],
    ['AveragePooling1D', { poolSize: [1] }],
    ['SimpleRNN', { units: 8, returnSequences: true }],
    ['GRU', { units: 8, returnSequences: true }],
  ]);
  const mean = b.sequence(seq, [['GlobalAveragePooling1D']]);
  const max = b.sequence(seq, [['GlobalMaxPooling1D']]);
  const avg = b.add('Average');
  b.connect(mean, avg).connect(max, avg);
  b.sequence(avg, [['LayerNormalization'], ['Dense', { units: 1, activation: 'sigmoid' }]]);
  return b.withTraining({ loss: 'binaryCrossentropy' }).build();
}

/** Images through 2-D pooling and every activation layer. */
function imageZoo(): GraphDoc {
  const b = new GraphBuilder('Image zoo');
  const x = b.add('Input', { shape: [16, 16, 3] });
  const conv = b.sequence(x, [['Conv2D', { filters: 4, kernelSize: [3, 3], padding: 'same' }], ['AveragePooling2D']]);
  const mean = b.sequence(conv, [['GlobalAveragePooling2D']]);
  const max = b.sequence(conv, [['GlobalMaxPooling2D']]);
  const product = b.add('Multiply');
  b.connect(mean, product).connect(max, product);
  b.sequence(product, [['ELU'], ['LeakyReLU', { alpha: 0.1 }], ['PReLU'], ['ReLU'], ['GaussianNoise', { stddev: 0.05 }], ['Dense', { units: 3 }], ['Softmax']]);
  return b.withTraining({ loss: 'sparseCategoricalCrossentropy' }).build();
}

function autoencoder(): GraphDoc {
  const b = new GraphBuilder('Fashion autoencoder');
  const x = b.add('Input', { shape: [28, 28] });
  b.sequence(x, [['Flatten'], ['Dense', { units: 32, activation: 'relu' }], ['Dense', { units: 784, activation: 'sigmoid' }], ['Reshape', { targetShape: [28, 28] }]]);
  return b.withDataset({ kind: 'builtin', name: 'fashion-mnist', trainSubset: 1000, autoencode: true }).withTraining({ loss: 'meanSquaredError', metrics: [] }).build();
}

const SUMMARY = ['--summary-only'];

export const ARCHITECTURES: readonly Architecture[] = [
  { id: 'mlp', doc: mlpOnMnist(), args: ['--epochs', '1', '--limit', '100'] },
  { id: 'cnn', doc: cnn(), args: SUMMARY },
  { id: 'lstm', doc: lstm(), args: SUMMARY },
  { id: 'residual', doc: residual(), args: ['--epochs', '2'] },
  { id: 'concatenate', doc: concatenate(), args: ['--epochs', '2'], data: 'images' },
  { id: 'two-inputs', doc: twoInputs(), args: ['--epochs', '2'], data: 'csv' },
  { id: 'batchnorm', doc: batchNorm(), args: ['--epochs', '3'] },
  { id: 'xor', doc: xor(), args: ['--epochs', '2'] },
  { id: 'sequence-zoo', doc: sequenceZoo(), args: SUMMARY },
  { id: 'image-zoo', doc: imageZoo(), args: SUMMARY },
  { id: 'autoencoder', doc: autoencoder(), args: SUMMARY },
  // Templates train for real where that is quick; the bigger MNIST ones, whose layers the cases above already run, are type-checked only.
  ...TEMPLATES.map((t): Architecture => {
    const doc = t.build();
    const quick = doc.dataset?.kind === 'generated' || t.id === 'mnist-softmax';
    return { id: `template-${t.id}`, doc, args: quick ? ['--epochs', '2', '--limit', '100'] : null };
  }),
];
