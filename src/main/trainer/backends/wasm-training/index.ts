/**
 * Makes the wasm backend train every layer of the catalog, and train it
 * fast:
 * - Conv2DBackpropFilter and UnsortedSegmentSum, which wasm lacks;
 * - Conv2DBackpropInput and MaxPoolGrad, whose wasm versions are plain
 *   loops (and MaxPoolGrad's is wrong on ties and at 'same' borders);
 * - BatchMatMul with a transposed operand, which wasm runs outside XNNPACK;
 * - Add of a layer's bias and Sum of its gradient, which wasm broadcasts
 *   and reduces slowly, ReLU's gradient (one kernel instead of four), and
 *   GatherV2 of whole rows (every training batch), which wasm copies
 *   element by element;
 * - Identity, which wasm copies where a second reference does.
 * The filter and pooling gradients, the bias and its gradient, ReLU's
 * gradient and the row gather run Netwright's own wasm kernels
 * (native/kernels.c, bound in native.ts; Adam's step too, wasm-adam.ts) on
 * tfjs' memory. The rest, and all of these where the kernels cannot be
 * bound, are made of wasm's own kernels (XNNPACK convolutions and products,
 * transposes, element-wise ops).
 * wasm-training.test.ts checks each against the cpu backend.
 */
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import { RELU_GRAD_KERNEL } from '../gradients.ts';
import type { Tf } from '../types.ts';
import { conv2DBackpropFilterConfig, conv2DBackpropInputConfig } from './conv-grads.ts';
import { biasAddConfig } from './bias-add.ts';
import { gatherRowsConfig } from './gather.ts';
import { identityConfig } from './identity.ts';
import { batchMatMulConfig } from './matmul.ts';
import { bindNativeKernels, unbindNativeKernels } from './native.ts';
import { maxPoolGradConfig } from './pool-grads.ts';
import { reluGradConfig, sumRowsConfig } from './reductions.ts';
import { unsortedSegmentSumConfig } from './segment-sum.ts';

const BACKEND = 'wasm';

/** wasm's own kernels that ours replace or fall back on, as they were before the first install in a tfjs instance. */
const stock = new WeakMap<Tf, Readonly<Record<string, KernelFunc | null>>>();

export interface WasmTrainingOptions {
  /** Use Netwright's own wasm kernels where they can be bound (default); false serves the composed ones, for tests and comparisons. */
  readonly native?: boolean;
}

/**
 * Call once the wasm backend has initialised (its kernels' setup has run);
 * calling again re-registers, with the given options. Returns whether the
 * native kernels are in use.
 */
export async function installWasmTrainingKernels(tf: Tf, options: WasmTrainingOptions = {}): Promise<boolean> {
  if (!stock.has(tf)) {
    const own = (name: string) => tf.getKernel(name, BACKEND)?.kernelFunc ?? null;
    stock.set(tf, { Identity: own('Identity'), Add: own('Add'), GatherV2: own('GatherV2'), Sum: own('Sum'), Conv2DBackpropInput: own('Conv2DBackpropInput'), BatchMatMul: own('BatchMatMul'), UnsortedSegmentSum: own('UnsortedSegmentSum') });
  }
  const was = stock.get(tf)!;
  const backend = tf.findBackend(BACKEND);
  unbindNativeKernels(backend);
  const native = options.native === false ? null : await bindNativeKernels(backend);
  const replace = (config: KernelConfig) => {
    if (tf.getKernel(config.kernelName, BACKEND)) tf.unregisterKernel(config.kernelName, BACKEND);
    tf.registerKernel(config);
  };
  replace(conv2DBackpropFilterConfig(tf, BACKEND, native));
  replace(conv2DBackpropInputConfig(tf, BACKEND, was.Conv2DBackpropInput));
  replace(maxPoolGradConfig(tf, BACKEND, native));
  if (was.BatchMatMul) replace(batchMatMulConfig(tf, BACKEND, was.BatchMatMul));
  if (!was.UnsortedSegmentSum) replace(unsortedSegmentSumConfig(tf, BACKEND));
  if (was.Add) replace(native ? biasAddConfig(BACKEND, was.Add, native) : { kernelName: 'Add', backendName: BACKEND, kernelFunc: was.Add });
  if (was.GatherV2) replace(native ? gatherRowsConfig(BACKEND, was.GatherV2, native) : { kernelName: 'GatherV2', backendName: BACKEND, kernelFunc: was.GatherV2 });
  if (was.Sum) replace(native ? sumRowsConfig(tf, BACKEND, was.Sum, native) : { kernelName: 'Sum', backendName: BACKEND, kernelFunc: was.Sum });
  if (was.Identity) replace(identityConfig(BACKEND, was.Identity));
  if (native) replace(reluGradConfig(BACKEND, native));
  else if (tf.getKernel(RELU_GRAD_KERNEL, BACKEND)) tf.unregisterKernel(RELU_GRAD_KERNEL, BACKEND);
  return native !== null;
}
