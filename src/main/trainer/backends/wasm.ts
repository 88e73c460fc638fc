/**
 * tfjs' WebAssembly backend, with the training kernels it lacks added
 * (wasm-training/): the fastest CPU backend short of native TensorFlow. In
 * a Node process it runs tfjs' threaded SIMD build on every core
 * (wasm-threaded.ts) and falls back to one thread when that build cannot
 * start. The ladder still keeps it only after the trainer's probe step
 * succeeds.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BackendUnavailable, firstLine, type LoadedBackend, type Tf } from './types.ts';
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
 * NETWRIGHT_WASM_THREADS=1 keeps the single-threaded build (to compare, or
 * where worker threads are unwelcome); any other value, or none, uses every core.
 */
function wantThreads(): boolean {
  return process.env.NETWRIGHT_WASM_THREADS !== '1' && wasmThreadCount() > 1 && typeof SharedArrayBuffer === 'function';
}

/** Why the threaded build is not in use, once it failed to start in this process. */
let threadedFailure: string | null = null;

export async function loadWasm(): Promise<LoadedBackend> {
  let tf: Tf;
  let threads = 1;
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
    if (!tf.findBackend('wasm')) {
      const dir = wasmDir();
      if (!dir) throw new BackendUnavailable('the .wasm binaries of @tensorflow/tfjs-backend-wasm were not found next to the package');
      wasm.setWasmPaths(dir + '/');
      const threaded = wantThreads() ? { build: nodeThreadedBuild(wasm.version_wasm), threads: wasmThreadCount() } : null;
      threadedFailure = await startWasmBackend(tf, wasm, threaded);
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
  const how = threads > 1 ? `${threads} threads` : `one thread${threadedFailure ? `; ${threadedFailure}` : ''}`;
  return { name: 'wasm', tf, device: `CPU (WebAssembly${simd ? ' SIMD' : ''}, ${how})` };
}
