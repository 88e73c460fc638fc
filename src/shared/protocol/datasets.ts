/**
 * Datasets as they cross process boundaries: a description for the UI and
 * the loaded arrays the trainer feeds to the model. Loaders live in
 * src/main/services/datasets; generated sets in src/shared/datasets.
 */

export type Task = 'classification' | 'regression';

export interface DatasetInfo {
  /** Human name, e.g. "MNIST (5,000 training images)". */
  readonly title: string;
  readonly task: Task;
  /** One sample without the batch dimension, e.g. [28, 28] or [2]. */
  readonly inputShape: readonly number[];
  /** Number of classes for classification, 0 for regression. */
  readonly numClasses: number;
  /** Class names in label order (Fashion-MNIST: T-shirt/top, Trouser, …). */
  readonly classNames?: readonly string[];
  /** Names of the input columns for tabular and 2-D sets, e.g. ["x1", "x2"]. */
  readonly featureNames?: readonly string[];
  /** Width of the target per sample: 1 for a class index or a single regression value. */
  readonly targetSize: number;
  readonly trainCount: number;
  readonly testCount: number;
  /** True when samples are images (first-layer weights can be shown as pictures). */
  readonly isImage: boolean;
}

/**
 * Row-major arrays: x has trainCount × prod(inputShape) values, y has
 * trainCount × targetSize. Classification targets are class indices (0…n-1);
 * the trainer one-hot encodes them when the loss needs it.
 */
export interface LoadedDataset {
  readonly info: DatasetInfo;
  readonly xTrain: Float32Array;
  readonly yTrain: Float32Array;
  readonly xTest: Float32Array;
  readonly yTest: Float32Array;
}
