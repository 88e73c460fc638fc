/**
 * A layer's bias added to every row ([..., c] + [c]) in Netwright's own
 * kernel: tfjs' wasm Add takes three times as long to broadcast as to add
 * two tensors of one shape, and every convolution and dense layer does this
 * in each forward pass. Every other Add goes to wasm's own kernel.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { NativeKernels } from './native.ts';

export function biasAddConfig(backendName: string, own: KernelFunc, native: NativeKernels): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]): TensorInfo => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const [x, bias] = b.shape.length === 1 && a.shape.length > 1 ? [a, b] : a.shape.length === 1 && b.shape.length > 1 ? [b, a] : [null, null];
    if (!x || !bias || x.dtype !== 'float32' || bias.dtype !== 'float32' || x.shape.at(-1) !== bias.shape[0]) return own(args) as TensorInfo;
    const channels = bias.shape[0];
    const out = native.output([...x.shape]);
    native.biasAdd(native.at(x), native.at(bias), native.at(out), x.shape.reduce((p, d) => p * d, 1) / channels, channels);
    return out;
  };
  return { kernelName: 'Add', backendName, kernelFunc: kernelFunc as KernelFunc };
}
