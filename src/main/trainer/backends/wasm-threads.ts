/**
 * tfjs-backend-wasm's threaded SIMD build in a Node process. tfjs switches
 * threads off in Node (tfjs issue #3830): its loader hands Emscripten's
 * pthread workers their scripts as Blob URLs, and Node's worker_threads
 * cannot start a worker from a Blob. The build itself supports Node (its
 * workers run on worker_threads), so this loads it with file paths instead
 * and gives the module to tfjs' own BackendWasm, registered as "wasm", so
 * every wasm kernel (and ours, wasm-training/) sets up on it as usual.
 * XNNPACK then spreads convolutions and matrix products over the threads.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as WasmModule from '@tensorflow/tfjs-backend-wasm';
import type { Tf } from './types.ts';

const require = createRequire(import.meta.url);

interface EmscriptenModule {
  cwrap(name: string, returns: string | null, args: string[]): (...args: number[]) => number;
  tfjs?: Record<string, unknown>;
  /** Emscripten's worker bookkeeping: Node worker_threads. */
  PThread: { runningWorkers: { unref(): void }[] };
}

type WasmPackage = typeof WasmModule;

/**
 * Emscripten's pthread worker script, as a file: the package ships it as a
 * string (for a Blob URL). Written once per version into the temp folder,
 * atomically, so concurrent trainers never read half a file.
 */
function workerScript(dir: string, version: string): string {
  const folder = join(tmpdir(), 'netwright-wasm');
  const file = join(folder, `pthread-worker-${version}-1.cjs`);
  if (!existsSync(file)) {
    const { wasmWorkerContents } = require(join(dir, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
    mkdirSync(folder, { recursive: true });
    const partial = `${file}.${process.pid}`;
    // The string came out of a template literal, which turned the script's "\n" escapes into real line breaks; put them back.
    writeFileSync(partial, wasmWorkerContents.replace(/\n/g, '\\n'));
    renameSync(partial, file);
  }
  return file;
}

/** The threads the backend will use: every core this process may run on. */
export function wasmThreadCount(): number {
  return availableParallelism();
}

/**
 * Registers the threaded build as the "wasm" backend (replacing tfjs' own
 * registration, which has not started yet). Call before the first
 * setBackend('wasm'); the returned count is what was asked of the build.
 */
export function registerThreadedWasm(tf: Tf, pkg: WasmPackage): number {
  const dir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
  const main = join(dir, 'tfjs-backend-wasm-threaded-simd.js');
  const threads = wasmThreadCount();
  pkg.setThreadsCount(threads);
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', async () => {
    const factory = require(main) as (config: object) => Promise<EmscriptenModule>;
    const worker = workerScript(dir, pkg.version_wasm);
    const module = await factory({
      locateFile: (path: string) => (path.endsWith('.worker.js') ? worker : join(dir, path)),
      // What each worker evaluates to get the module's code: a path, which Node's workers can read.
      mainScriptUrlOrBlob: main,
      // tfjs sizes its thread pool as half the logical cores (a guess at hyper-threading), capped by what is asked:
      // on a 2-core machine that is one thread. Report twice the wanted count so the pool gets exactly it.
      instantiateWasm(info: { env: Record<string, unknown> }, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
        info.env.emscripten_num_logical_cores = () => 2 * threads;
        void WebAssembly.instantiate(readFileSync(join(dir, 'tfjs-backend-wasm-threaded-simd.wasm')), info as WebAssembly.Imports).then((r) => receive(r.instance, r.module));
        return {};
      },
    });
    // The bridge tfjs' own loader adds (backend_wasm.ts, init()).
    module.tfjs = {
      init: module.cwrap('init', null, []),
      initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
      getThreadsCount: module.cwrap('get_threads_count', 'number', []),
      registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
      disposeData: module.cwrap('dispose_data', null, ['number']),
      dispose: module.cwrap('dispose', null, []),
    };
    const backend = new pkg.BackendWasm(module as never);
    // The pool's threads wait for work as long as the process lives; they must not keep Node from exiting.
    for (const worker of module.PThread.runningWorkers) worker.unref();
    return backend;
  }, 2);
  return threads;
}
