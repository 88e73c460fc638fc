/** Helpers for tests and benchmarks that run the trainer core in this process. */
import type * as TF from '@tensorflow/tfjs';
import { compile } from '../../shared/compile/index.ts';
import type { CompileSpec } from '../../shared/compile/spec.ts';
import { GraphBuilder } from '../../shared/document/builder.ts';
import type { GraphDoc, TrainingSettings } from '../../shared/document/schema.ts';
import type { ExitEvent, InlineDataset, TrainerCommand, TrainerEvent } from '../../shared/protocol/trainer.ts';
import type { Tf } from './backends/types.ts';
import { setLearningRate } from './optimizers.ts';
import { memoryChannel, type MemoryChannel } from './port.ts';
import { nodeEnvironment } from './node-environment.ts';
import { serveTrainer } from './trainer.ts';

type Start = Extract<TrainerCommand, { type: 'start' }>;

export function specOf(doc: GraphDoc): CompileSpec {
  const r = compile(doc);
  if (!r.ok) throw new Error(`does not compile: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.spec;
}

export interface InProcessRun {
  readonly channel: MemoryChannel;
  /** Every event so far but the heartbeats, in order. */
  readonly events: TrainerEvent[];
  /** Heartbeats so far: they come every HEARTBEAT_MS whatever the run does, so `events` leaves them out. */
  readonly heartbeats: () => number;
  readonly done: Promise<ExitEvent>;
  of<T extends TrainerEvent['type']>(type: T): Extract<TrainerEvent, { type: T }>[];
}

/** Starts the core on a memory channel with the document's dataset unless one is given. */
export function trainInProcess(doc: GraphDoc, patch: Partial<TrainingSettings> = {}, extra: Partial<Omit<Start, 'type' | 'spec'>> = {}): InProcessRun {
  const spec = specOf(doc);
  const channel = memoryChannel();
  const events: TrainerEvent[] = [];
  let heartbeats = 0;
  channel.onEvent((e) => (e.type === 'heartbeat' ? heartbeats++ : events.push(e)));
  const done = serveTrainer(channel.port, { env: nodeEnvironment });
  channel.send({ type: 'start', spec, settings: { ...spec.training, ...patch }, dataset: spec.dataset!, baseDir: '.', ...extra });
  return { channel, events, heartbeats: () => heartbeats, done, of: (type) => events.filter((e) => e.type === type) as never };
}

/** A two-layer net with fixed weights and data, trained `steps` steps; returns its weights and the host-made tensors of each step. */
export function trainTinyNet(tf: Tf, optimizer: TF.Optimizer, steps: number, rateAt?: (step: number) => number): { weights: Float32Array[]; uploads: number[] } {
  const [w1, b1, w2] = tf.tidy(() => [
    tf.variable(tf.tensor2d([0.3, -0.2, 0.5, 0.1, -0.4, 0.25], [3, 2])),
    tf.variable(tf.tensor1d([0.05, -0.05])),
    tf.variable(tf.tensor2d([0.7, -0.6], [2, 1])),
  ]);
  const x = tf.tensor2d([1, 2, 3, -1, 0.5, 2, 0, -2, 1, 3, 3, -3], [4, 3]);
  const y = tf.tensor2d([1, 0, 0.5, -1], [4, 1]);
  const engine = tf.engine() as unknown as { makeTensor: (...a: unknown[]) => TF.Tensor };
  const make = engine.makeTensor.bind(engine);
  const uploads: number[] = [];
  for (let s = 0; s < steps; s++) {
    if (rateAt) setLearningRate(optimizer, rateAt(s));
    const { grads, value } = optimizer.computeGradients(() => tf.losses.meanSquaredError(y, tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2)) as TF.Scalar, [w1, b1, w2]);
    let made = 0;
    engine.makeTensor = (...a: unknown[]) => (made++, make(...a));
    optimizer.applyGradients(grads);
    engine.makeTensor = make;
    uploads.push(made);
    tf.dispose([value, ...Object.values(grads)]);
  }
  const weights = [w1, b1, w2].map((v) => v.dataSync() as Float32Array);
  tf.dispose([w1, b1, w2, x, y]);
  optimizer.dispose();
  return { weights, uploads };
}

/** A small CNN (conv, pool, dense) and eight 8×8 images of two classes carried in the start command: a convolutional run in a second or two. */
export function tinyCnn(): { spec: CompileSpec; dataset: InlineDataset } {
  const b = new GraphBuilder('cnn');
  b.sequence(b.add('Input', { shape: [8, 8, 1] }), [['Conv2D', { filters: 4, kernelSize: [3, 3], activation: 'relu' }], ['MaxPooling2D'], ['Flatten'], ['Dense', { units: 2, activation: 'softmax' }]]);
  const spec = specOf(b.withTraining({ loss: 'sparseCategoricalCrossentropy' }).build());
  const info = { title: 'tiny images', task: 'classification' as const, inputShape: [8, 8, 1], numClasses: 2, targetSize: 1, trainCount: 8, testCount: 0, isImage: true };
  return { spec, dataset: { kind: 'inline', info, xTrain: Array.from({ length: 8 * 64 }, (_, i) => (i % 5) / 5), yTrain: [0, 1, 0, 1, 0, 1, 0, 1], xTest: [], yTest: [] } };
}

/**
 * A project whose every batch takes seconds on the 'cpu' backend, for tests
 * of what happens during a long batch (stop, freeze detection, orphans):
 * y = 2x + 1 fitted by two hidden layers of `units` ReLUs, `batchesPerEpoch`
 * batches of `batchSize` points (a regression: no decision-boundary pictures
 * to add to the time). The time grows with units² × batch size; measured on
 * one core of the 2-core CI machine, 256 units × 2,000 points take about 3 s.
 */
export function slowBatchesDoc({ units = 256, batchSize = 2000, batchesPerEpoch = 2, epochs = 100 } = {}): GraphDoc {
  const b = new GraphBuilder('slow batches');
  b.sequence(b.add('Input', { shape: [1] }), [
    ['Dense', { units, activation: 'relu' }],
    ['Dense', { units, activation: 'relu' }],
    ['Dense', { units: 1, activation: 'linear' }],
  ]);
  return b
    .withDataset({ kind: 'generated', name: 'linear', samples: batchSize * batchesPerEpoch, noise: 0.1, trainRatio: 1, seed: 1 })
    .withTraining({ optimizer: 'adam', learningRate: 0.001, loss: 'meanSquaredError', metrics: ['mae'], batchSize, epochs, validationSplit: 0, backend: 'cpu' })
    .build();
}
