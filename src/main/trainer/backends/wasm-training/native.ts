/**
 * Netwright's own wasm kernels (native/kernels.c) bound to one tfjs wasm
 * backend: the module imports that backend's memory, so the kernels read
 * and write tensors where tfjs keeps them, with no copies. A backend whose
 * memory cannot be found gets none, and the composed kernels serve instead.
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import { PLAIN, SHARED } from './native/kernels-wasm.ts';

interface WasmBackendLike {
  readonly wasm: { wasmMemory?: WebAssembly.Memory; asm?: Record<string, unknown> };
  readonly dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32' | 'int32'): TensorInfo;
  readSync(dataId: object): ArrayLike<number>;
  disposeData(dataId: object): boolean;
}

type Call = (...args: number[]) => void;

export interface NativeKernels {
  /** Byte offset of a tensor's values in the backend's memory. */
  at(t: TensorInfo): number;
  output(shape: number[], dtype?: 'float32' | 'int32'): TensorInfo;
  /** Frees an output that will not be returned. */
  release(t: TensorInfo): void;
  read(t: TensorInfo): ArrayLike<number>;
  readonly maxPoolGrad: Call;
  readonly conv2dFilterGrad: Call;
  readonly adamStep: Call;
  readonly biasAdd: Call;
  readonly sumRows: Call;
  readonly reluGrad: Call;
  /** Returns how many indices were out of range. */
  readonly gatherRows: (...args: number[]) => number;
}

/** The kernels bound to each wasm backend instance. */
const bound = new WeakMap<object, NativeKernels>();

/** The kernels bound to `backend` by installWasmTrainingKernels, if any. */
export function nativeKernelsOf(backend: unknown): NativeKernels | null {
  return backend ? (bound.get(backend as object) ?? null) : null;
}

/** Forgets the binding (tests that compare with the composed kernels). */
export function unbindNativeKernels(backend: unknown): void {
  if (backend) bound.delete(backend as object);
}

function memoryOf(backend: WasmBackendLike): WebAssembly.Memory | null {
  const module = backend.wasm;
  if (module?.wasmMemory instanceof WebAssembly.Memory) return module.wasmMemory;
  const exported = Object.values(module?.asm ?? {}).find((v) => v instanceof WebAssembly.Memory);
  return (exported as WebAssembly.Memory | undefined) ?? null;
}

function bytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** Instantiates the kernels on `backend`'s memory; null when that memory cannot be found or taken. */
export async function bindNativeKernels(backend: unknown): Promise<NativeKernels | null> {
  const b = backend as WasmBackendLike;
  const memory = memoryOf(b);
  if (!memory) return null;
  const shared = typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer;
  let exports: WebAssembly.Exports;
  try {
    ({ instance: { exports } } = await WebAssembly.instantiate(bytes(shared ? SHARED : PLAIN), { env: { memory } }));
  } catch {
    return null;
  }
  const kernels: NativeKernels = {
    at: (t) => b.dataIdMap.get(t.dataId)!.memoryOffset,
    output: (shape, dtype = 'float32') => b.makeOutput(shape, dtype),
    release: (t) => void b.disposeData(t.dataId),
    read: (t) => b.readSync(t.dataId),
    maxPoolGrad: exports.max_pool_grad as Call,
    conv2dFilterGrad: exports.conv2d_filter_grad as Call,
    adamStep: exports.adam_step as Call,
    biasAdd: exports.bias_add as Call,
    sumRows: exports.sum_rows as Call,
    reluGrad: exports.relu_grad as Call,
    gatherRows: exports.gather_rows as (...args: number[]) => number,
  };
  bound.set(b, kernels);
  return kernels;
}
