/** The model and data the training benches share: the MNIST MLP 784-300-100-10 and random MNIST-shaped samples. */
import { GraphBuilder } from '../src/shared/document/builder.ts';
import type { GraphDoc, TrainingSettings } from '../src/shared/document/schema.ts';
import type { LoadedDataset } from '../src/shared/protocol/datasets.ts';
import type { BackendName } from '../src/shared/protocol/trainer.ts';
import { SeededRandom } from '../src/main/trainer/seed.ts';

export function mnistMlp(): GraphDoc {
  const b = new GraphBuilder('mlp');
  b.sequence(b.add('Input', { shape: [28, 28] }), [['Flatten'], ['Dense', { units: 300, activation: 'relu' }], ['Dense', { units: 100, activation: 'relu' }], ['Dense', { units: 10, activation: 'softmax' }]]);
  return b.build();
}

/** Speed does not depend on the pixel values, and the benches then run where no dataset is installed. */
export function randomMnist(n: number): LoadedDataset {
  const random = new SeededRandom(3);
  const xTrain = Float32Array.from({ length: n * 784 }, () => random.next());
  const yTrain = Float32Array.from({ length: n }, () => Math.floor(random.next() * 10));
  return { info: { title: `random MNIST-shaped (${n})`, task: 'classification', inputShape: [28, 28], numClasses: 10, targetSize: 1, trainCount: n, testCount: 0, isImage: true }, xTrain, yTrain, xTest: new Float32Array(0), yTest: new Float32Array(0) };
}

/** Adam at 0.001, sparse cross-entropy, no validation, seed 1: the settings every bench row trains with. */
export function benchSettings(batchSize: number, backend: BackendName, epochs: number): TrainingSettings {
  return { optimizer: 'adam', learningRate: 0.001, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize, epochs, validationSplit: 0, earlyStopping: null, schedule: { kind: 'constant' }, seed: 1, backend };
}
