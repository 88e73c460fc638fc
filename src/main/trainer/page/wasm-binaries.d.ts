/** Provided at build time by build.ts: tfjs' wasm binaries, base64, so the page needs no fetch of its own files (file:// pages cannot fetch). */
declare module 'netwright:wasm-binaries' {
  export const plain: string;
  export const simd: string;
  export const threaded: string;
}

/** Emscripten's pthread worker script, which tfjs-backend-wasm ships as a string. */
declare module '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js' {
  export const wasmWorkerContents: string;
}
