/** Provided at build time by build.ts: tfjs' wasm binaries, base64, so the page needs no fetch of its own files (file:// pages cannot fetch). */
declare module 'netwright:wasm-binaries' {
  export const plain: string;
  export const simd: string;
}
