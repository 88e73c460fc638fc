/**
 * Adam's update on the wasm backend as one call per variable into
 * Netwright's own kernel (adam_step in backends/wasm-training/native),
 * instead of fourteen tfjs kernels: on a small CNN the step runs ~250
 * kernels, and each costs ~10 µs of tfjs' bookkeeping before any
 * arithmetic, so the update was a third of them. Same arithmetic as the
 * WebGPU update (webgpu-adam.ts); null where the kernels are not bound.
 */
import type { Tf } from './backends/types.ts';
import { nativeKernelsOf } from './backends/wasm-training/native.ts';
import type { FusedAdamUpdate } from './webgpu-adam.ts';

export function wasmAdamUpdate(tf: Tf): FusedAdamUpdate | null {
  if (tf.getBackend() !== 'wasm') return null;
  const native = nativeKernelsOf(tf.backend());
  if (!native) return null;
  return (w, m, v, g, c) => {
    const [wOut, mOut, vOut] = [0, 1, 2].map(() => native.output([...w.shape]));
    native.adamStep(native.at(w), native.at(m), native.at(v), native.at(g), native.at(wOut), native.at(mOut), native.at(vOut), w.size,
      c.beta1, 1 - c.beta1, c.beta2, 1 - c.beta2, -c.rate, c.correction1, c.correction2, c.epsilon);
    const engine = tf.engine();
    return { w: engine.makeTensorFromTensorInfo(wOut), m: engine.makeTensorFromTensorInfo(mOut), v: engine.makeTensorFromTensorInfo(vOut) };
  };
}
