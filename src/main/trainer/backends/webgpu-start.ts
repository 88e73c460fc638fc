/**
 * Starts tfjs' WebGPU backend once navigator.gpu exists: Dawn's in Node
 * (webgpu.ts), Chromium's in the GPU page (page/rungs.ts). The backend
 * registers itself only if navigator.gpu is there when its module is
 * evaluated, so callers set that up first.
 */
import { BackendUnavailable, firstLine, type Tf } from './types.ts';

export async function startWebgpuBackend(): Promise<Tf> {
  try {
    await import('@tensorflow/tfjs-backend-webgpu');
    const tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
    if (!(await tf.setBackend('webgpu'))) throw new Error('setBackend("webgpu") returned false');
    await tf.ready();
    return tf;
  } catch (err) {
    throw new BackendUnavailable(`the WebGPU backend did not start: ${firstLine(err)}`);
  }
}
