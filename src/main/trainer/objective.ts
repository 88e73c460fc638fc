/**
 * The loss and metrics as tensor functions, with Keras' definitions, and how
 * the dataset's targets are encoded for them. Targets are encoded once when
 * they are uploaded (class indices → one-hot for cross-entropy, 0/1 → ±1 for
 * hinge), so the per-batch work is only the loss itself.
 */
import type * as TF from '@tensorflow/tfjs';
import type { TrainingSettings } from '../../shared/document/schema.ts';
import type { DatasetInfo } from '../../shared/protocol/datasets.ts';
import type { Tf } from './backends/types.ts';

/**
 * onehot: class index → one-hot row; index: the class index as a number
 * (one output unit); signed / signedOnehot: the same mapped to -1/+1 for
 * hinge; raw: regression values reshaped to the output.
 */
export type TargetEncoding = 'onehot' | 'index' | 'signed' | 'signedOnehot' | 'raw';

type LossFn = (yTrue: TF.Tensor, yPred: TF.Tensor) => TF.Scalar;

export interface Metric {
  readonly name: string;
  readonly fn: LossFn;
}

export interface Objective {
  readonly encoding: TargetEncoding;
  /** Mean over the batch, as Keras defines each loss. */
  readonly loss: LossFn;
  readonly metrics: readonly Metric[];
  /** Why metrics that were asked for are left out (shown as warnings). */
  readonly dropped: readonly string[];
}

/** A mistake in pairing the data, the output layer and the loss; the message says how to fix it. */
export class ObjectiveError extends Error {}

/** Checks that the data, the output layer and the loss fit together, before anything is built. */
export function chooseEncoding(loss: TrainingSettings['loss'], info: DatasetInfo, units: number): TargetEncoding {
  if (info.task === 'regression') return 'raw';
  const classes = info.numClasses;
  switch (loss) {
    case 'categoricalCrossentropy':
    case 'sparseCategoricalCrossentropy':
      if (units !== classes) throw new ObjectiveError(`${loss} needs one output unit per class: the dataset has ${classes} classes but the output layer has ${units} units; set its units to ${classes}`);
      return 'onehot';
    case 'hinge':
      if (units === 1 && classes === 2) return 'signed';
      if (units === classes) return 'signedOnehot';
      throw new ObjectiveError(`hinge needs 1 output unit (two classes) or one per class (${classes}), but the output layer has ${units} units`);
    case 'binaryCrossentropy':
    case 'meanSquaredError':
    case 'meanAbsoluteError':
      if (units === 1) {
        if (loss === 'binaryCrossentropy' && classes !== 2) throw new ObjectiveError(`binaryCrossentropy with 1 output unit is for two classes, but the dataset has ${classes}; use ${classes} softmax units with sparseCategoricalCrossentropy`);
        return 'index';
      }
      if (units === classes) return 'onehot';
      throw new ObjectiveError(`the output layer has ${units} units but the dataset has ${classes} classes: use ${classes} units (or 1 for two classes)`);
    default:
      throw new Error(`unknown loss ${String(loss satisfies never)}`);
  }
}

export function createObjective(tf: Tf, settings: TrainingSettings, info: DatasetInfo, outputShape: readonly (number | null)[]): Objective {
  const units = outputShape[outputShape.length - 1] ?? 1;
  const encoding = chooseEncoding(settings.loss, info, units);
  const eps = tf.backend().epsilon();
  const loss = lossFunction(tf, settings.loss, eps);
  const metrics: Metric[] = [];
  const dropped: string[] = [];
  for (const name of settings.metrics) {
    if (name === 'mae') metrics.push({ name, fn: (y, p) => tf.mean(tf.abs(tf.sub(p, y))) });
    else if (encoding === 'raw') dropped.push('accuracy is not defined for regression targets; use mae');
    else metrics.push({ name, fn: accuracy(tf, encoding) });
  }
  return { encoding, loss, metrics, dropped };
}

function lossFunction(tf: Tf, loss: TrainingSettings['loss'], eps: number): LossFn {
  switch (loss) {
    case 'meanSquaredError':
      return (y, p) => tf.mean(tf.squaredDifference(p, y));
    case 'meanAbsoluteError':
      return (y, p) => tf.mean(tf.abs(tf.sub(p, y)));
    case 'binaryCrossentropy':
      return (y, p) => {
        const q = tf.clipByValue(p, eps, 1 - eps);
        return tf.neg(tf.mean(tf.add(tf.mul(y, tf.log(q)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, q)))))) as TF.Scalar;
      };
    case 'categoricalCrossentropy':
    case 'sparseCategoricalCrossentropy':
      // Keras rescales the outputs to sum to 1 first, which matters only for non-softmax outputs.
      return (y, p) => {
        const q = tf.clipByValue(tf.div(p, tf.sum(p, -1, true)), eps, 1 - eps);
        return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(q)), -1))) as TF.Scalar;
      };
    case 'hinge':
      return (y, p) => tf.mean(tf.relu(tf.sub(1, tf.mul(y, p))));
    default:
      throw new Error(`unknown loss ${String(loss satisfies never)}`);
  }
}

function accuracy(tf: Tf, encoding: TargetEncoding): LossFn {
  switch (encoding) {
    case 'onehot':
    case 'signedOnehot':
      return (y, p) => tf.mean(tf.cast(tf.equal(tf.argMax(p, -1), tf.argMax(y, -1)), 'float32'));
    case 'index':
      return (y, p) => tf.mean(tf.cast(tf.equal(tf.greater(p, 0.5), tf.greater(y, 0.5)), 'float32'));
    case 'signed':
      return (y, p) => tf.mean(tf.cast(tf.equal(tf.greater(p, 0), tf.greater(y, 0)), 'float32'));
    case 'raw':
      throw new Error('accuracy needs class targets');
    default:
      throw new Error(`unknown encoding ${String(encoding satisfies never)}`);
  }
}

/** Encodes targets on the host, before they are uploaded: n samples of the dataset's y. */
export function encodeTargets(encoding: TargetEncoding, y: Float32Array, n: number, classes: number): Float32Array {
  switch (encoding) {
    case 'raw':
    case 'index':
      return y;
    case 'signed':
      return y.map((v) => (v > 0.5 ? 1 : -1));
    case 'onehot':
    case 'signedOnehot': {
      const off = encoding === 'onehot' ? 0 : -1;
      const out = new Float32Array(n * classes).fill(off);
      for (let i = 0; i < n; i++) {
        const c = y[i];
        if (!Number.isInteger(c) || c < 0 || c >= classes) throw new ObjectiveError(`sample ${i} has label ${c}, outside the classes 0…${classes - 1}`);
        out[i * classes + c] = 1;
      }
      return out;
    }
    default:
      throw new Error(`unknown encoding ${String(encoding satisfies never)}`);
  }
}
