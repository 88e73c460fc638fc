/**
 * What the data and the weights hold when a loss stops being finite: NaN,
 * ±Infinity, and the largest finite magnitude of each. Read once, on the
 * device, so the alert can say whether values went past float32's range and
 * where (src/shared/run/divergence.ts, nonFiniteCause). Built from kernels
 * every backend has (no IsNan/IsInf, which some lack).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from './backends/types.ts';
import type { Split } from './data.ts';
import type { ValueRanges } from './monitor.ts';

/** [has NaN, has ±Infinity, largest finite |value|] over the tensors, as a 3-vector. */
function summary(tf: Tf, tensors: readonly TF.Tensor[]): TF.Tensor1D {
  return tf.tidy(() => {
    const parts = tensors.map((t) => {
      const flat = tf.reshape(t, [-1]);
      const abs = tf.abs(flat);
      const nan = tf.max(tf.cast(tf.notEqual(flat, flat), 'float32'));
      const inf = tf.max(tf.cast(tf.equal(abs, tf.scalar(Infinity)), 'float32'));
      const finite = tf.max(tf.where(tf.less(abs, tf.scalar(Infinity)), abs, tf.zerosLike(abs)));
      return tf.stack([nan, inf, finite]);
    });
    return parts.length ? (tf.max(tf.stack(parts), 0) as TF.Tensor1D) : tf.tensor1d([0, 0, 0]);
  });
}

export async function measureRanges(tf: Tf, train: Split, model: TF.LayersModel): Promise<ValueRanges> {
  const weights = model.trainableWeights.map((w) => w.read());
  const all = tf.tidy(() => tf.stack([summary(tf, [train.x]), summary(tf, [train.y]), summary(tf, weights)]));
  const v = await all.data();
  all.dispose();
  const at = (i: number) => ({ hasNaN: v[i * 3] > 0, hasInfinity: v[i * 3 + 1] > 0, maxAbs: v[i * 3 + 2] });
  return { inputs: at(0), targets: at(1), weights: at(2) };
}
