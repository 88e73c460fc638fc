/**
 * Two element-wise steps of every convolution or dense layer's backward
 * pass, each one pass of Netwright's own kernels on wasm:
 * - Sum over every axis but the last (a bias's gradient), which tfjs' wasm
 *   Sum does by transposing the whole tensor first; every other Sum goes to
 *   wasm's own kernel;
 * - ReLU's gradient, which tfjs computes as dy · cast(step(x)): three
 *   kernels and a copy. It is registered under a name of its own,
 *   RELU_GRAD_KERNEL, which backends/gradients.ts uses where it exists.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { RELU_GRAD_KERNEL } from '../gradients.ts';
import type { Tf } from '../types.ts';
import type { NativeKernels } from './native.ts';

export function sumRowsConfig(tf: Tf, backendName: string, own: KernelFunc, native: NativeKernels): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]): TensorInfo => {
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const rank = x.shape.length;
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const allButLast = rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
    if (!allButLast || x.dtype !== 'float32') return own(args) as TensorInfo;
    const cols = x.shape[rank - 1];
    const out = native.output(keepDims ? [...Array<number>(rank - 1).fill(1), cols] : [cols]);
    native.sumRows(native.at(x), native.at(out), x.shape.reduce((p, d) => p * d, 1) / Math.max(1, cols), cols);
    return out;
  };
  return { kernelName: 'Sum', backendName, kernelFunc: kernelFunc as KernelFunc };
}

export function reluGradConfig(backendName: string, native: NativeKernels): KernelConfig {
  const kernelFunc = ({ inputs }: Parameters<KernelFunc>[0]): TensorInfo => {
    const { dy, x } = inputs as { dy: TensorInfo; x: TensorInfo };
    const dx = native.output([...x.shape]);
    native.reluGrad(native.at(dy), native.at(x), native.at(dx), x.shape.reduce((p, d) => p * d, 1));
    return dx;
  };
  return { kernelName: RELU_GRAD_KERNEL, backendName, kernelFunc: kernelFunc as KernelFunc };
}
