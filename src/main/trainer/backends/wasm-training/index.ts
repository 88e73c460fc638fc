/**
 * Makes the wasm backend train every layer of the catalog, and train it
 * fast. Each kernel here is made of wasm's own fast kernels (XNNPACK
 * convolutions and products, transposes, element-wise ops):
 * - Conv2DBackpropFilter and UnsortedSegmentSum, which wasm lacks;
 * - Conv2DBackpropInput and MaxPoolGrad, whose wasm versions are plain
 *   loops (and MaxPoolGrad's is wrong on ties and at 'same' borders);
 * - BatchMatMul with a transposed operand, which wasm runs outside XNNPACK.
 * wasm-training.test.ts checks each against the cpu backend.
 */
import type { KernelFunc } from '@tensorflow/tfjs';
import type { Tf } from '../types.ts';
import { conv2DBackpropFilterConfig, conv2DBackpropInputConfig } from './conv-grads.ts';
import { batchMatMulConfig } from './matmul.ts';
import { maxPoolGradConfig } from './pool-grads.ts';
import { unsortedSegmentSumConfig } from './segment-sum.ts';

const BACKEND = 'wasm';

/** tfjs instances (each has its own kernel registry) that have the kernels already. */
const installed = new WeakSet<Tf>();

/** Call after the wasm backend has initialised (its kernels' setup has run); a second call does nothing. */
export function installWasmTrainingKernels(tf: Tf): void {
  if (installed.has(tf)) return;
  installed.add(tf);
  const own = (name: string): KernelFunc | null => tf.getKernel(name, BACKEND)?.kernelFunc ?? null;
  const replace = (config: ReturnType<typeof conv2DBackpropFilterConfig>) => {
    if (own(config.kernelName)) tf.unregisterKernel(config.kernelName, BACKEND);
    tf.registerKernel(config);
  };
  replace(conv2DBackpropFilterConfig(tf, BACKEND));
  replace(conv2DBackpropInputConfig(tf, BACKEND, own('Conv2DBackpropInput')));
  replace(maxPoolGradConfig(tf, BACKEND));
  const ownMatMul = own('BatchMatMul');
  if (ownMatMul) replace(batchMatMulConfig(tf, BACKEND, ownMatMul));
  if (!own('UnsortedSegmentSum')) replace(unsortedSegmentSumConfig(tf, BACKEND));
}
