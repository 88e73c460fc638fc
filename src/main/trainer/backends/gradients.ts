/**
 * Gradients tfjs does not provide, or provides slowly:
 * - Its Conv2D gradient refuses a dilation rate above 1 on every backend, so
 *   a dilated Conv1D or Conv2D (a layer the catalog offers) could not train
 *   at all. A dilated filter is the same as an ordinary filter with zeros
 *   between its taps, and that filter has the same 'same' padding, so both
 *   gradients are taken with the spread-out filter and the filter's
 *   gradient is read back at the taps.
 * - ReLU's gradient runs as one kernel, RELU_GRAD_KERNEL, on a backend that
 *   registers one (wasm: wasm-training/), and as tfjs' own elsewhere.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from './types.ts';

type Pair = readonly [number, number];
const pair = (v: number | readonly number[]): Pair => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

/** [kh, kw, ci, co] → [(kh−1)·dh + 1, (kw−1)·dw + 1, ci, co] with zeros between the taps. */
export function spreadFilter(tf: Tf, filter: TF.Tensor4D, [dh, dw]: Pair): TF.Tensor4D {
  const [kh, kw, ci, co] = filter.shape;
  const gaps = tf.pad(tf.reshape(filter, [kh, 1, kw, 1, ci, co]), [[0, 0], [0, dh - 1], [0, 0], [0, dw - 1], [0, 0], [0, 0]]);
  return tf.slice(tf.reshape(gaps, [kh * dh, kw * dw, ci, co]), [0, 0, 0, 0], [(kh - 1) * dh + 1, (kw - 1) * dw + 1, ci, co]) as TF.Tensor4D;
}

/** A kernel taking { dy, x } and giving dy where x > 0 (tfjs' dy · step(x)); a backend may register it. */
export const RELU_GRAD_KERNEL = 'NetwrightReluGrad';

const installed = new WeakSet<Tf>();

/** Once per tfjs instance, before a model trains: each instance keeps its own gradient registry. */
export function installGradients(tf: Tf): void {
  if (installed.has(tf)) return;
  installed.add(tf);
  const core = tf.getGradient('Conv2D');
  tf.registerGradient({
    kernelName: 'Conv2D',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const dilation = pair(attrs.dilations as number | number[]);
      if (dilation[0] === 1 && dilation[1] === 1) return core.gradFunc(dy, saved, attrs);
      const [x, filter] = saved as [TF.Tensor4D, TF.Tensor4D];
      // Conv2D has one output, so dy is one tensor of the output's shape.
      const dy4 = dy as TF.Tensor4D;
      const { strides, pad, dataFormat, dimRoundingMode } = attrs as unknown as TF.Conv2DAttrs;
      const spread = spreadFilter(tf, filter, dilation);
      return {
        x: () => tf.conv2dTranspose(dy4, spread, x.shape, strides, pad as never, dimRoundingMode),
        filter: () => {
          const grad = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: dy4 }, { strides, pad, dataFormat, dimRoundingMode, filterShape: spread.shape } as never) as TF.Tensor4D;
          return tf.stridedSlice(grad, [0, 0, 0, 0], grad.shape, [dilation[0], dilation[1], 1, 1]);
        },
      };
    },
  });
  const coreRelu = tf.getGradient('Relu');
  tf.registerGradient({
    kernelName: 'Relu',
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      if (!tf.getKernel(RELU_GRAD_KERNEL, tf.getBackend())) return coreRelu.gradFunc(dy, saved, attrs);
      const [x] = saved;
      return { x: () => tf.engine().runKernel(RELU_GRAD_KERNEL, { dy: dy as TF.Tensor, x }) as TF.Tensor };
    },
  });
}
