/**
 * tfjs' WebAssembly backend: faster than plain JS on the CPU, but it lacks
 * some kernels that training needs (Conv2DBackpropFilter, UnsortedSegmentSum,
 * …), so the ladder only keeps it after the trainer's probe step succeeds.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BackendUnavailable, firstLine, type LoadedBackend, type Tf } from './types.ts';

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

export async function loadWasm(): Promise<LoadedBackend> {
  let tf: Tf;
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
    // The paths can only be set before the backend first initialises; a second run in the same process reuses it.
    if (!tf.findBackend('wasm')) {
      const dir = wasmDir();
      if (!dir) throw new BackendUnavailable('the .wasm binaries of @tensorflow/tfjs-backend-wasm were not found next to the package');
      wasm.setWasmPaths(dir + '/');
    }
    if (!(await tf.setBackend('wasm'))) throw new Error('setBackend("wasm") returned false');
    await tf.ready();
  } catch (err) {
    if (err instanceof BackendUnavailable) throw err;
    throw new BackendUnavailable(`the wasm backend did not start: ${firstLine(err)}`);
  }
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
  return { name: 'wasm', tf, device: `CPU (WebAssembly${simd ? ' SIMD' : ''}, ${threads ? 'multi-threaded' : 'one thread'})` };
}
