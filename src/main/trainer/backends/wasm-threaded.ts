/**
 * tfjs-backend-wasm's threaded SIMD build, started by us rather than by
 * tfjs' loader, in a Node trainer process (wasm-threads.ts) and in the
 * trainer page (page/rungs.ts). Two things in tfjs' own loader stand in the
 * way:
 * - In Node it switches threads off (tfjs issue #3830), because it hands
 *   Emscripten's pthread workers their scripts as Blob URLs, which Node's
 *   worker_threads cannot start. The build itself supports Node.
 * - Everywhere, its pool gets half the logical cores (a guess at
 *   hyper-threading), so a 2-core machine gets one thread.
 * So each environment says where the worker script, the module's code and
 * the binary come from, and this reports twice the wanted thread count to
 * the module while it instantiates. The module then goes to tfjs' own
 * BackendWasm, registered as "wasm", so every wasm kernel (and ours,
 * wasm-training/) sets up on it as usual. XNNPACK spreads convolutions over
 * the threads.
 */
import type * as WasmModule from '@tensorflow/tfjs-backend-wasm';
import type { Tf } from './types.ts';

interface EmscriptenModule {
  cwrap(name: string, returns: string | null, args: string[]): (...args: number[]) => number;
  tfjs?: Record<string, unknown>;
  /** Emscripten's worker bookkeeping; in Node, worker_threads workers. */
  PThread: { runningWorkers: { unref?(): void }[] };
}

/** Where the threaded build's parts come from, in one environment. */
export interface ThreadedBuild {
  /** The Emscripten factory (wasm-out/tfjs-backend-wasm-threaded-simd.js). */
  readonly factory: (config: object) => Promise<EmscriptenModule>;
  /** What a pthread worker is started from: a file path in Node, a blob: URL in a page. */
  readonly workerUrl: () => string;
  /** What each worker evaluates to define the factory: a file path in Node, a Blob in a page. */
  readonly mainScript: () => string | Blob;
  /** tfjs-backend-wasm-threaded-simd.wasm */
  readonly binary: () => Promise<BufferSource>;
}

/**
 * Registers the threaded build as the "wasm" backend, replacing tfjs' own
 * registration, which must not have started yet. `threads` is what the
 * pool gets (tfjs caps it at 8).
 */
export function registerThreadedWasm(tf: Tf, pkg: typeof WasmModule, build: ThreadedBuild, threads: number): void {
  pkg.setThreadsCount(threads);
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', async () => {
    const binary = await build.binary();
    const module = await build.factory({
      locateFile: (path: string) => (path.endsWith('.worker.js') ? build.workerUrl() : path),
      mainScriptUrlOrBlob: build.mainScript(),
      instantiateWasm(info: { env: Record<string, unknown> }, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
        info.env.emscripten_num_logical_cores = () => 2 * threads;
        void WebAssembly.instantiate(binary, info as WebAssembly.Imports).then((r) => receive(r.instance, r.module));
        return {};
      },
    });
    // The bridge tfjs' own loader adds (its backend_wasm.ts, init()).
    module.tfjs = {
      init: module.cwrap('init', null, []),
      initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
      getThreadsCount: module.cwrap('get_threads_count', 'number', []),
      registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
      disposeData: module.cwrap('dispose_data', null, ['number']),
      dispose: module.cwrap('dispose', null, []),
    };
    const backend = new pkg.BackendWasm(module as never);
    // The pool's threads wait for work as long as the process lives; in Node they must not keep it from exiting.
    for (const worker of module.PThread.runningWorkers) worker.unref?.();
    return backend;
  }, 2);
}

/**
 * Starts the "wasm" backend once per tfjs instance: the threaded build when
 * `threaded` is given, else (or when it does not start) tfjs' own
 * single-threaded loader, whose binary paths the caller has set. Returns
 * why threads are off when they were asked for and failed.
 */
export async function startWasmBackend(tf: Tf, pkg: typeof WasmModule, threaded: { build: ThreadedBuild; threads: number } | null): Promise<string | null> {
  if (tf.findBackend('wasm')) return null;
  // tfjs' own loader would pick its threaded build wherever SharedArrayBuffer exists (a cross-origin isolated page); one thread means one.
  const single = () => tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!threaded) {
    single();
    return null;
  }
  const stock = tf.findBackendFactory('wasm');
  registerThreadedWasm(tf, pkg, threaded.build, threaded.threads);
  let failure: string;
  try {
    if (await tf.setBackend('wasm')) return null;
    failure = 'the threaded build did not start';
  } catch (err) {
    failure = `the threaded build did not start: ${String((err as Error)?.message ?? err).split('\n', 1)[0]}`;
  }
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', stock, 2);
  pkg.setThreadsCount(1);
  single();
  return failure;
}

/** The threads the running wasm backend's pool really has (asked of the module itself: the package's own counter can disagree once bundled). */
export function wasmThreadsInUse(tf: Tf): number {
  const backend = tf.findBackend('wasm') as { wasm?: { tfjs?: { getThreadsCount?(): number } } } | null;
  return Math.max(1, backend?.wasm?.tfjs?.getThreadsCount?.() ?? 1);
}
