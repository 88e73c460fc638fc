/**
 * A table of architectures that covers every layer family of the catalog:
 * MLPs, CNNs, RNNs, merges, normalization, regularization. Tests check each
 * against tfjs (shapes, parameter counts) and train each one step on every
 * CPU backend.
 */
import { GraphBuilder } from '../document/builder.ts';
import type { GraphDoc } from '../document/schema.ts';

export interface Architecture {
  readonly name: string;
  /** Total parameters, as Keras' model.summary() prints them. */
  readonly total: number;
  readonly nonTrainable?: number;
  readonly doc: () => GraphDoc;
}

const sparse = { loss: 'sparseCategoricalCrossentropy' } as const;
const binary = { loss: 'binaryCrossentropy' } as const;
const mse = { loss: 'meanSquaredError' } as const;

export const ARCHITECTURES: readonly Architecture[] = [
  {
    name: 'Fashion-MNIST MLP', total: 266_610,
    doc: () => {
      const b = new GraphBuilder('mlp').withTraining(sparse);
      b.sequence(b.add('Input', { shape: [28, 28] }), [['Flatten'], ['Dense', { units: 300, activation: 'relu' }], ['Dense', { units: 100, activation: 'relu' }], ['Dense', { units: 10, activation: 'softmax' }]]);
      return b.build();
    },
  },
  {
    name: 'LeNet-5 (conv + pooling)', total: 61_706,
    doc: () => {
      const b = new GraphBuilder('lenet').withTraining(sparse);
      b.sequence(b.add('Input', { shape: [28, 28, 1] }), [
        ['Conv2D', { filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' }], ['MaxPooling2D'],
        ['Conv2D', { filters: 16, kernelSize: 5, activation: 'relu' }], ['MaxPooling2D'],
        ['Flatten'], ['Dense', { units: 120, activation: 'relu' }], ['Dense', { units: 84, activation: 'relu' }], ['Dense', { units: 10, activation: 'softmax' }],
      ]);
      return b.build();
    },
  },
  {
    name: 'Conv1D + pooling over a signal', total: 545,
    doc: () => {
      const b = new GraphBuilder('conv1d').withTraining(binary);
      b.sequence(b.add('Input', { shape: [64, 3] }), [
        ['Conv1D', { filters: 8, kernelSize: 5, activation: 'relu' }], ['MaxPooling1D'],
        ['Conv1D', { filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }], ['AveragePooling1D', { poolSize: 3 }],
        ['GlobalMaxPooling1D'], ['Dense', { units: 1, activation: 'sigmoid' }],
      ]);
      return b.build();
    },
  },
  {
    name: 'LSTM regressor', total: 1_297,
    doc: () => {
      const b = new GraphBuilder('lstm').withTraining(mse);
      b.sequence(b.add('Input', { shape: [20, 3] }), [['LSTM', { units: 16 }], ['Dense', { units: 1 }]]);
      return b.build();
    },
  },
  {
    name: 'Stacked GRU (return sequences)', total: 1_134,
    doc: () => {
      const b = new GraphBuilder('gru').withTraining(sparse);
      b.sequence(b.add('Input', { shape: [15, 4] }), [['GRU', { units: 12, returnSequences: true }], ['GRU', { units: 8 }], ['Dense', { units: 2, activation: 'softmax' }]]);
      return b.build();
    },
  },
  {
    name: 'SimpleRNN + global average pooling', total: 97,
    doc: () => {
      const b = new GraphBuilder('rnn').withTraining(mse);
      b.sequence(b.add('Input', { shape: [10, 2] }), [['SimpleRNN', { units: 8, returnSequences: true }], ['GlobalAveragePooling1D'], ['Dense', { units: 1 }]]);
      return b.build();
    },
  },
  {
    name: 'Embedding → LSTM → Dense (text)', total: 10_129,
    doc: () => {
      const b = new GraphBuilder('text').withTraining(binary);
      b.sequence(b.add('Input', { shape: [25], dtype: 'int32' }), [['Embedding', { inputDim: 500, outputDim: 16 }], ['LSTM', { units: 16 }], ['Dense', { units: 1, activation: 'sigmoid' }]]);
      return b.build();
    },
  },
  {
    name: 'MLP with BatchNormalization', total: 867, nonTrainable: 64,
    doc: () => {
      const b = new GraphBuilder('bn').withTraining(sparse);
      b.sequence(b.add('Input', { shape: [20] }), [['Dense', { units: 32, useBias: false }], ['BatchNormalization'], ['Activation', { activation: 'relu' }], ['Dense', { units: 3, activation: 'softmax' }]]);
      return b.build();
    },
  },
  {
    name: 'Residual block (Add)', total: 561,
    doc: () => {
      const b = new GraphBuilder('residual').withTraining(mse);
      const h = b.chain(b.add('Input', { shape: [16] }), b.add('Dense', { units: 16, activation: 'relu' }));
      const r = b.chain(h, b.add('Dense', { units: 16 }));
      const sum = b.add('Add');
      b.connect(h, sum).connect(r, sum);
      b.sequence(sum, [['Dense', { units: 1 }]]);
      return b.build();
    },
  },
  {
    name: 'Two conv branches (Concatenate) + GlobalAveragePooling2D', total: 191,
    doc: () => {
      const b = new GraphBuilder('inception').withTraining(sparse);
      const x = b.add('Input', { shape: [8, 8, 3] });
      const wide = b.chain(x, b.add('Conv2D', { filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }));
      const narrow = b.chain(x, b.add('Conv2D', { filters: 6, kernelSize: 1, activation: 'relu' }));
      const cat = b.add('Concatenate');
      b.connect(wide, cat).connect(narrow, cat);
      b.sequence(cat, [['GlobalAveragePooling2D'], ['Dense', { units: 5, activation: 'softmax' }]]);
      return b.build();
    },
  },
  {
    name: 'Two inputs (Multiply, Concatenate)', total: 147,
    doc: () => {
      const b = new GraphBuilder('two inputs').withTraining(binary);
      const a = b.add('Input', { shape: [10] }, { name: 'features' });
      const c = b.add('Input', { shape: [4] }, { name: 'context' });
      const da = b.chain(a, b.add('Dense', { units: 8, activation: 'relu' }));
      const dc = b.chain(c, b.add('Dense', { units: 8, activation: 'sigmoid' }));
      const gate = b.add('Multiply');
      b.connect(da, gate).connect(dc, gate);
      const cat = b.add('Concatenate');
      b.connect(gate, cat).connect(a, cat);
      b.sequence(cat, [['Dense', { units: 1, activation: 'sigmoid' }]]);
      return b.build();
    },
  },
  {
    name: 'Dense autoencoder', total: 209_968,
    doc: () => {
      const b = new GraphBuilder('autoencoder').withTraining(mse);
      b.sequence(b.add('Input', { shape: [784] }), [
        ['Dense', { units: 128, activation: 'relu' }], ['Dense', { units: 32, activation: 'relu' }],
        ['Dense', { units: 128, activation: 'relu' }], ['Dense', { units: 784, activation: 'sigmoid' }],
      ]);
      return b.build();
    },
  },
  {
    name: 'MLP with Dropout and GaussianNoise', total: 3_322,
    doc: () => {
      const b = new GraphBuilder('dropout').withTraining(sparse);
      b.sequence(b.add('Input', { shape: [32] }), [
        ['GaussianNoise', { stddev: 0.1 }], ['Dense', { units: 64, activation: 'relu' }], ['Dropout', { rate: 0.3 }],
        ['Dense', { units: 16, activation: 'relu' }], ['Dropout', { rate: 0.2 }], ['Dense', { units: 10, activation: 'softmax' }],
      ]);
      return b.build();
    },
  },
  {
    name: 'All-conv net with BatchNormalization and GlobalAveragePooling2D', total: 1_586, nonTrainable: 16,
    doc: () => {
      const b = new GraphBuilder('allconv').withTraining(sparse);
      b.sequence(b.add('Input', { shape: [32, 32, 3] }), [
        ['Conv2D', { filters: 8, kernelSize: 3, strides: 2, padding: 'same', useBias: false }], ['BatchNormalization'], ['ReLU'],
        ['Conv2D', { filters: 16, kernelSize: 3, activation: 'relu' }], ['GlobalAveragePooling2D'], ['Dense', { units: 10, activation: 'softmax' }],
      ]);
      return b.build();
    },
  },
  {
    name: 'Activation layers (LeakyReLU, PReLU, ELU, ReLU, Softmax)', total: 683,
    doc: () => {
      const b = new GraphBuilder('activations').withTraining(sparse);
      b.sequence(b.add('Input', { shape: [12] }), [
        ['Dense', { units: 16 }], ['LeakyReLU', { alpha: 0.1 }], ['Dense', { units: 16 }], ['PReLU'],
        ['Dense', { units: 8 }], ['ELU'], ['Dense', { units: 4 }], ['ReLU', { maxValue: 6 }], ['Dense', { units: 3 }], ['Softmax'],
      ]);
      return b.build();
    },
  },
  {
    name: 'Reshape flat pixels into an image for a CNN', total: 6_810,
    doc: () => {
      const b = new GraphBuilder('reshape').withTraining(sparse);
      b.sequence(b.add('Input', { shape: [784] }), [
        ['Reshape', { targetShape: [28, 28, 1] }], ['Conv2D', { filters: 4, kernelSize: 3, activation: 'relu' }], ['MaxPooling2D'],
        ['Flatten'], ['Dense', { units: 10, activation: 'softmax' }],
      ]);
      return b.build();
    },
  },
  {
    name: 'Reshape with -1 into an LSTM', total: 826,
    doc: () => {
      const b = new GraphBuilder('rows').withTraining(sparse);
      b.sequence(b.add('Input', { shape: [28, 28] }), [['Reshape', { targetShape: [-1, 14] }], ['LSTM', { units: 8 }], ['Dense', { units: 10, activation: 'softmax' }]]);
      return b.build();
    },
  },
  {
    name: 'Ensemble of three heads (Average)', total: 54,
    doc: () => {
      const b = new GraphBuilder('ensemble').withTraining(sparse);
      const x = b.add('Input', { shape: [5] });
      const avg = b.add('Average');
      for (let i = 0; i < 3; i++) b.connect(b.chain(x, b.add('Dense', { units: 3 })), avg);
      b.sequence(avg, [['Activation', { activation: 'softmax' }]]);
      return b.build();
    },
  },
  {
    name: 'Dilated Conv1D with LayerNormalization', total: 138,
    doc: () => {
      const b = new GraphBuilder('tcn').withTraining(sparse);
      b.sequence(b.add('Input', { shape: [32, 4] }), [
        ['Conv1D', { filters: 8, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'relu' }], ['LayerNormalization'],
        ['GlobalAveragePooling1D'], ['Dense', { units: 2, activation: 'softmax' }],
      ]);
      return b.build();
    },
  },
  {
    name: 'Small VGG block (AveragePooling2D, GlobalMaxPooling2D)', total: 954,
    doc: () => {
      const b = new GraphBuilder('vgg').withTraining(sparse);
      b.sequence(b.add('Input', { shape: [16, 16, 1] }), [
        ['Conv2D', { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }], ['Conv2D', { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }],
        ['AveragePooling2D'], ['Conv2D', { filters: 8, kernelSize: [3, 1], activation: 'relu' }], ['GlobalMaxPooling2D'], ['Dense', { units: 10, activation: 'softmax' }],
      ]);
      return b.build();
    },
  },
];
