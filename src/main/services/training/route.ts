/**
 * Where a desktop run trains. Dawn's WebGPU addon does not load inside
 * Electron's processes, so WebGPU in the desktop app means Chromium's own, in
 * a hidden trainer page; native TensorFlow (CUDA or CPU) and everything else
 * run in a utilityProcess. On the automatic ladder the page is used only when
 * no tfjs-node package is installed: those come first (CUDA) or cannot be
 * reached from a page (tfjs-node on the CPU, after WebGPU on the ladder, is
 * given up for WebGPU then; see the README).
 */
import { createRequire } from 'node:module';
import type { TrainingSettings } from '../../../shared/document/schema.ts';
import { NATIVE_PACKAGES } from '../../trainer/backends/tensorflow.ts';

export type TrainerPlace = 'process' | 'gpu-page';

export function chooseTrainerPlace(backend: TrainingSettings['backend'], nativeInstalled: boolean): TrainerPlace {
  switch (backend) {
    case 'webgpu':
      return 'gpu-page';
    case 'auto':
      return nativeInstalled ? 'process' : 'gpu-page';
    case 'tensorflow-gpu':
    case 'tensorflow':
    case 'wasm':
    case 'cpu':
      return 'process';
    default:
      throw new Error(`unknown backend ${String(backend satisfies never)}`);
  }
}

/** Whether either tfjs-node package can be found (not loaded: loading libtensorflow is the trainer's job). */
export function nativeTensorflowInstalled(resolve: (id: string) => string = createRequire(import.meta.url).resolve): boolean {
  return NATIVE_PACKAGES.some((pkg) => {
    try {
      resolve(`${pkg}/package.json`);
      return true;
    } catch {
      return false;
    }
  });
}
