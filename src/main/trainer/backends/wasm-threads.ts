/**
 * The threaded wasm build's parts in a Node process (wasm-threaded.ts says
 * why tfjs' own loader is not used): files in the package, and Emscripten's
 * worker script written once to the temp folder, since the package ships it
 * only as a string for a Blob URL.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ThreadedBuild } from './wasm-threaded.ts';

const nodeRequire = createRequire(import.meta.url);

/** The threads the backend will use: every core this process may run on. */
export function wasmThreadCount(): number {
  return availableParallelism();
}

/** Written atomically, so concurrent trainers never read half a file. */
function workerScript(dir: string, version: string): string {
  const folder = join(tmpdir(), 'netwright-wasm');
  const file = join(folder, `pthread-worker-${version}.cjs`);
  if (!existsSync(file)) {
    const { wasmWorkerContents } = nodeRequire(join(dir, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
    mkdirSync(folder, { recursive: true });
    const partial = `${file}.${process.pid}`;
    // The string came out of a template literal, which turned the script's "\n" escapes into line breaks; put them back.
    writeFileSync(partial, wasmWorkerContents.replace(/\n/g, '\\n'));
    renameSync(partial, file);
  }
  return file;
}

export function nodeThreadedBuild(version: string): ThreadedBuild {
  const dir = join(dirname(nodeRequire.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
  const main = join(dir, 'tfjs-backend-wasm-threaded-simd.js');
  return {
    factory: (config) => (nodeRequire(main) as ThreadedBuild['factory'])(config),
    workerUrl: () => workerScript(dir, version),
    // A path, which Node's workers read and evaluate.
    mainScript: () => main,
    binary: async () => readFileSync(join(dir, 'tfjs-backend-wasm-threaded-simd.wasm')),
  };
}
