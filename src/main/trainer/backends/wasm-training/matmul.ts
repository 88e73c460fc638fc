/**
 * wasm's BatchMatMul hands a product to XNNPACK only when neither operand is
 * transposed (and there is one matrix per operand); any transpose falls to a
 * plain blocked loop, several times slower. A dense layer's backward pass is
 * exactly those two transposed products (xᵀ·dy for the weights, dy·wᵀ for
 * the input), so here the transposed operand is copied into place first —
 * cheap next to the product — and the product goes to XNNPACK.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from '../types.ts';
import { KernelCalls } from './calls.ts';

export function batchMatMulConfig(tf: Tf, backendName: string, own: KernelFunc): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    const matrices = (t: TensorInfo) => t.shape.slice(0, -2).reduce((p, d) => p * d, 1);
    if ((!transposeA && !transposeB) || matrices(a) !== 1 || matrices(b) !== 1) return own(args) as TensorInfo;
    const k = new KernelCalls(tf, backend, backendName);
    try {
      const upright = (t: TensorInfo, transposed: boolean) => {
        const [rows, cols] = t.shape.slice(-2);
        return transposed ? k.transpose(k.reshape(t, [rows, cols]), [1, 0]) : t;
      };
      const product = own({ inputs: { a: upright(a, transposeA), b: upright(b, transposeB) }, backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
      k.finish(product);
      // The output keeps the operands' leading axes of size 1.
      const lead = a.shape.length > b.shape.length ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
      return { ...product, shape: [...lead, ...product.shape.slice(-2)] };
    } catch (err) {
      k.abandon();
      throw err;
    }
  };
  return { kernelName: 'BatchMatMul', backendName, kernelFunc: kernelFunc as KernelFunc };
}
