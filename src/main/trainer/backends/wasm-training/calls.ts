/**
 * Kernels made of other kernels of the same backend. A kernel function gets
 * TensorInfos, not Tensors, and runs outside the engine's bookkeeping, so
 * every intermediate it makes must be released by hand; KernelCalls keeps
 * that list and releases all but the result.
 */
import type { KernelBackend, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from '../types.ts';

type Inputs = Record<string, TensorInfo> | TensorInfo[];

export class KernelCalls {
  private readonly made: TensorInfo[] = [];
  /** A kernel function's `backend` argument, typed loosely by tfjs. */
  private readonly backend: KernelBackend;

  constructor(
    private readonly tf: Tf,
    backend: unknown,
    private readonly backendName: string,
  ) {
    this.backend = backend as KernelBackend;
  }

  /** Runs `kernel` on this backend; the output is released by finish() unless it is the result. */
  run(kernel: string, inputs: Inputs, attrs: object = {}): TensorInfo {
    const config = this.tf.getKernel(kernel, this.backendName);
    if (!config) throw new Error(`Kernel '${kernel}' not registered for backend '${this.backendName}'`);
    const out = config.kernelFunc({ inputs: inputs as never, backend: this.backend, attrs: attrs as NamedAttrMap }) as TensorInfo;
    this.made.push(out);
    return out;
  }

  reshape(x: TensorInfo, shape: readonly number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape: [...shape] });
  }

  transpose(x: TensorInfo, perm: readonly number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm: [...perm] });
  }

  /** Releases every intermediate; the result (one of them) stays. */
  finish(result: TensorInfo): TensorInfo {
    for (const t of this.made) if (t !== result) this.backend.disposeData(t.dataId);
    this.made.length = 0;
    return result;
  }

  /** Releases everything, after a failure. */
  abandon(): void {
    for (const t of this.made) this.backend.disposeData(t.dataId);
    this.made.length = 0;
  }
}
