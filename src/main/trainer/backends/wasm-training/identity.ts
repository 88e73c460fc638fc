/**
 * Identity as a second reference to the same memory, as the cpu backend
 * and wasm's own Reshape do it, instead of wasm's copy. tfjs keeps a clone of
 * every tensor a gradient will need (its engine's saveTensorsForBackwardMode),
 * and tensors are never written after they are made, so the copies (31 to
 * 40 per training step of the bench models) bought nothing.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';

interface RefCounting {
  incRef(dataId: object): void;
}

export function identityConfig(backendName: string, own: KernelFunc): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]): TensorInfo => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return own(args) as TensorInfo;
    (args.backend as unknown as RefCounting).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
  return { kernelName: 'Identity', backendName, kernelFunc: kernelFunc as KernelFunc };
}
