/**
 * The dataset on the device: uploaded once, reshaped to the model's input and
 * output, targets encoded for the loss, split into train / validation / test.
 * Each epoch gathers a shuffled copy on the device and batches are slices of
 * it, so no sample crosses from the host after the start.
 */
import type * as TF from '@tensorflow/tfjs';
import type { LoadedDataset } from '../../shared/protocol/datasets.ts';
import type { Tf } from './backends/types.ts';
import { encodeTargets, ObjectiveError, type Objective } from './objective.ts';
import type { SeededRandom } from './seed.ts';
import { epochOrder, holdOut, takeRows } from '../../shared/run/order.ts';
import { foldSplit } from '../../shared/search/folds.ts';

export interface Split {
  readonly x: TF.Tensor;
  readonly y: TF.Tensor;
  readonly n: number;
}

export interface DeviceData {
  readonly train: Split;
  readonly val: Split | null;
  readonly test: Split | null;
  /** Host copies of the test inputs and raw targets, for the sample predictions. */
  readonly testHost: { readonly x: Float32Array; readonly y: Float32Array } | null;
  /** How rows are read on this backend (see rowReader). */
  readonly rows: RowReader;
  /** Batches gather their rows by index instead of slicing a shuffled copy (wasm). */
  readonly gatherBatches: boolean;
  dispose(): void;
}

export type Shape = readonly (number | null)[];

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const fmt = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** A model shape without its batch dimension; free dimensions are not supported for training data. */
function sampleShape(shape: Shape, what: string): number[] {
  const dims = shape.slice(1);
  if (dims.some((d) => d === null)) throw new ObjectiveError(`the ${what} shape ${fmt(dims.map((d) => d ?? -1))} has a free dimension; give every dimension a size`);
  return dims as number[];
}

export interface UploadOptions {
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly validationSplit: number;
  readonly validation: 'split' | 'test';
  /** Validate on this part of the training rows instead (k-fold cross-validation). */
  readonly fold?: { readonly index: number; readonly of: number };
  readonly random: SeededRandom;
  /** The backend's name: it decides how rows are read. */
  readonly backend: string;
}

export function uploadData(tf: Tf, data: LoadedDataset, objective: Objective, opts: UploadOptions): DeviceData {
  const info = data.info;
  const xShape = sampleShape(opts.inputShape, 'Input layer');
  const yShape = sampleShape(opts.outputShape, 'output');
  const xWidth = size(info.inputShape);
  if (size(xShape) !== xWidth) {
    throw new ObjectiveError(`the Input layer takes ${fmt(xShape)} (${size(xShape)} values) per sample but the dataset's samples are ${fmt(info.inputShape)} (${xWidth} values); set the Input shape to ${fmt(info.inputShape)}`);
  }
  const classes = info.numClasses;
  const yWidth = objective.encoding === 'onehot' || objective.encoding === 'signedOnehot' ? classes : info.targetSize;
  if (size(yShape) !== yWidth) {
    throw new ObjectiveError(`the output layer gives ${fmt(yShape)} (${size(yShape)} values) per sample but the targets have ${yWidth}; make the last layer produce ${yWidth}`);
  }
  const nTrainAll = info.trainCount;
  if (nTrainAll < 1) throw new ObjectiveError('the dataset has no training samples');

  if (opts.fold && nTrainAll < opts.fold.of) throw new ObjectiveError(`${opts.fold.of}-fold cross-validation needs at least ${opts.fold.of} training samples, and the dataset has ${nTrainAll}`);
  // A fold draws the same one shuffle a hold-out does, so the rest of the run's random numbers line up either way.
  const { order, validation: nVal, training: nTrain } = opts.fold
    ? foldSplit(nTrainAll, opts.fold.of, opts.fold.index, opts.random)
    : holdOut(nTrainAll, opts.validation === 'split' ? opts.validationSplit : 0, opts.random);
  const yAll = encodeTargets(objective.encoding, data.yTrain, nTrainAll, classes);
  const upload = (x: Float32Array, y: Float32Array, n: number): Split => ({
    x: tf.tensor(x, [n, ...xShape], 'float32'),
    y: tf.tensor(y, [n, ...yShape], 'float32'),
    n,
  });
  const created: Split[] = [];
  const keep = (s: Split) => (created.push(s), s);
  const train = keep(upload(takeRows(data.xTrain, xWidth, order, 0, nTrain), takeRows(yAll, yWidth, order, 0, nTrain), nTrain));
  const nTest = info.testCount;
  const test = nTest > 0 ? keep(upload(data.xTest, encodeTargets(objective.encoding, data.yTest, nTest, classes), nTest)) : null;
  let val: Split | null = null;
  if (nVal > 0) val = keep(upload(takeRows(data.xTrain, xWidth, order, nTrain, nTrainAll), takeRows(yAll, yWidth, order, nTrain, nTrainAll), nVal));
  else if (opts.validation === 'test') val = test;
  return {
    train,
    val,
    test,
    testHost: nTest > 0 ? { x: data.xTest, y: data.yTest } : null,
    rows: rowReader(tf, opts.backend),
    gatherBatches: opts.backend === 'wasm',
    dispose: () => created.forEach((s) => tf.dispose([s.x, s.y])),
  };
}

/**
 * Reads rows [start, start + n) of a device tensor. A slice everywhere but on
 * wasm, whose Slice kernel copies the whole source tensor out of the wasm heap
 * on every call (O(dataset) per batch); there a gather of the row indices
 * costs only the batch.
 */
export type RowReader = (x: TF.Tensor, start: number, n: number) => TF.Tensor;

export function rowReader(tf: Tf, backend: string): RowReader {
  if (backend === 'wasm') return (x, start, n) => tf.tidy(() => tf.gather(x, tf.range(start, start + n, 1, 'int32')));
  return (x, start, n) => tf.slice(x, [start], [n]);
}

/**
 * One epoch's batches in a shuffled order. Where slicing is cheap the
 * training split is gathered into a shuffled copy once and batches are
 * slices of it (no upload per batch: good for GPUs); on wasm each batch
 * gathers its rows by uploaded indices, as model.fit does.
 */
export class EpochBatches {
  private readonly order: Uint32Array;
  private readonly shuffled: [TF.Tensor, TF.Tensor] | null;
  readonly count: number;

  constructor(private readonly tf: Tf, private readonly train: Split, private readonly batchSize: number, random: SeededRandom, private readonly perBatchGather: boolean) {
    this.count = Math.ceil(train.n / batchSize);
    this.order = epochOrder(train.n, random);
    if (perBatchGather) this.shuffled = null;
    else {
      const perm = tf.tensor1d(Int32Array.from(this.order), 'int32');
      this.shuffled = tf.tidy(() => [tf.gather(train.x, perm), tf.gather(train.y, perm)] as [TF.Tensor, TF.Tensor]);
      perm.dispose();
    }
  }

  /** Samples in batch i (the last batch may be short). */
  sizeOf(i: number): number {
    return Math.min(this.batchSize, this.train.n - i * this.batchSize);
  }

  /** Batch i's tensors; call inside a tidy. */
  get(i: number): [TF.Tensor, TF.Tensor] {
    const tf = this.tf;
    const start = i * this.batchSize;
    const n = this.sizeOf(i);
    if (this.shuffled) return [tf.slice(this.shuffled[0], [start], [n]), tf.slice(this.shuffled[1], [start], [n])];
    const rows = tf.tensor1d(Int32Array.from(this.order.subarray(start, start + n)), 'int32');
    return [tf.gather(this.train.x, rows), tf.gather(this.train.y, rows)];
  }

  dispose(): void {
    if (this.shuffled) this.tf.dispose(this.shuffled);
  }
}

/** Batches of a split in order, for evaluation. */
export function* inOrder(split: Split, batchSize: number, rows: RowReader): Generator<{ x: TF.Tensor; y: TF.Tensor; n: number; start: number }> {
  for (let start = 0; start < split.n; start += batchSize) {
    const n = Math.min(batchSize, split.n - start);
    yield { x: rows(split.x, start, n), y: rows(split.y, start, n), n, start };
  }
}
