/**
 * The threaded wasm build's parts inside the trainer page: the Emscripten
 * factory and its worker script from the bundle, turned into Blob URLs as
 * tfjs' own loader does, and the binary the bundle carries (a file:// page
 * cannot fetch). Threads need SharedArrayBuffer, so the page must be
 * cross-origin isolated (COOP/COEP headers: the desktop app's trainer
 * protocol and the test server send them).
 */
import * as factoryModule from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import { wasmWorkerContents } from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js';
import type { ThreadedBuild } from '../backends/wasm-threaded.ts';

type Factory = ThreadedBuild['factory'];
const factory = ((factoryModule as unknown as { default?: Factory }).default ?? factoryModule) as unknown as Factory;

export function pageThreadedBuild(binary: Uint8Array<ArrayBuffer>): ThreadedBuild {
  return {
    factory,
    // The string came out of a template literal, which turned the script's "\n" escapes into line breaks; put them back.
    workerUrl: () => URL.createObjectURL(new Blob([wasmWorkerContents.replace(/\n/g, '\\n')], { type: 'application/javascript' })),
    mainScript: () => new Blob([`var WasmBackendModuleThreadedSimd = ${factory.toString()}`], { type: 'text/javascript' }),
    binary: async () => binary,
  };
}

/** Why this page cannot run threads, or null when it can. */
export function threadsUnavailable(): string | null {
  if (!(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) return 'the page is not cross-origin isolated';
  if ((navigator.hardwareConcurrency || 1) < 2) return 'one core';
  return null;
}
