/**
 * tfjs' WebAssembly backend, with the training kernels it lacks added
 * (wasm-training/): the fastest CPU backend short of native TensorFlow. For
 * a model with convolutions it runs tfjs' threaded SIMD build on every core
 * (wasm-threaded.ts), falling back to one thread when that build cannot
 * start; other models run on one thread, since only convolutions are spread
 * over the pool and its hand-offs slow every other op down. Each run has a
 * trainer process of its own, so each gets the build its model wants. The
 * ladder still keeps wasm only after the trainer's probe step succeeds.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BackendUnavailable, firstLine, type LoadedBackend, type Tf, type Workload } from './types.ts';
import { installWasmTrainingKernels } from './wasm-training/index.ts';
import { startWasmBackend, wasmThreadsInUse } from './wasm-threaded.ts';
import { nodeThreadedBuild, wasmThreadCount } from './wasm-threads.ts';

/** node_modules/@tensorflow/tfjs-backend-wasm/dist/, where the .wasm binaries are. */
function wasmDir(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json');
    const dir = join(dirname(pkg), 'dist');
    return existsSync(join(dir, 'tfjs-backend-wasm.wasm')) ? dir : null;
  } catch {
    return null;
  }
}

/**
 * How many threads a run gets: NETWRIGHT_WASM_THREADS (a number) decides
 * when set (1 keeps the single-threaded build, to compare); otherwise every
 * core for a convolutional model, one thread for the rest.
 */
function threadsFor(workload: Workload): { threads: number; why: string | null } {
  const asked = Number(process.env.NETWRIGHT_WASM_THREADS);
  if (Number.isInteger(asked) && asked >= 1) return { threads: asked, why: asked === 1 ? 'NETWRIGHT_WASM_THREADS=1' : null };
  if (!workload.convolutional) return { threads: 1, why: 'threads only speed up convolutions' };
  const cores = wasmThreadCount();
  return cores > 1 && typeof SharedArrayBuffer === 'function' ? { threads: cores, why: null } : { threads: 1, why: 'one core' };
}

/** Why the backend this process started runs on one thread, if it does. */
let oneThreadBecause: string | null = null;

export async function loadWasm(workload: Workload = { convolutional: false }): Promise<LoadedBackend> {
  let tf: Tf;
  let threads = 1;
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
    if (!tf.findBackend('wasm')) {
      const dir = wasmDir();
      if (!dir) throw new BackendUnavailable('the .wasm binaries of @tensorflow/tfjs-backend-wasm were not found next to the package');
      wasm.setWasmPaths(dir + '/');
      const plan = threadsFor(workload);
      const threaded = plan.threads > 1 ? { build: nodeThreadedBuild(wasm.version_wasm), threads: plan.threads } : null;
      oneThreadBecause = (await startWasmBackend(tf, wasm, threaded)) ?? plan.why;
    }
    if (!(await tf.setBackend('wasm'))) throw new Error('setBackend("wasm") returned false');
    await tf.ready();
    await installWasmTrainingKernels(tf);
    threads = wasmThreadsInUse(tf);
  } catch (err) {
    if (err instanceof BackendUnavailable) throw err;
    throw new BackendUnavailable(`the wasm backend did not start: ${firstLine(err)}`);
  }
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  const how = threads > 1 ? `${threads} threads` : `one thread${oneThreadBecause ? `: ${oneThreadBecause}` : ''}`;
  return { name: 'wasm', tf, device: `CPU (WebAssembly${simd ? ' SIMD' : ''}, ${how})` };
}
