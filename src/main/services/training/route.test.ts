import { describe, expect, it } from 'vitest';
import { chooseTrainerPlace, nativeTensorflowInstalled } from './route.ts';

describe('where a desktop run trains', () => {
  it('sends WebGPU to the GPU page and native, wasm and cpu runs to a trainer process', () => {
    expect(chooseTrainerPlace('webgpu', true)).toBe('gpu-page');
    expect(chooseTrainerPlace('webgpu', false)).toBe('gpu-page');
    for (const backend of ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const) {
      expect(chooseTrainerPlace(backend, false)).toBe('process');
      expect(chooseTrainerPlace(backend, true)).toBe('process');
    }
  });

  it('keeps the automatic ladder in a process when native TensorFlow is installed, since it comes first', () => {
    expect(chooseTrainerPlace('auto', true)).toBe('process');
    expect(chooseTrainerPlace('auto', false)).toBe('gpu-page');
  });

  it('finds either tfjs-node package without loading it', () => {
    const only = (present: string) => (id: string) => {
      if (id === `${present}/package.json`) return `/x/${id}`;
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    };
    expect(nativeTensorflowInstalled(only('@tensorflow/tfjs-node-gpu'))).toBe(true);
    expect(nativeTensorflowInstalled(only('@tensorflow/tfjs-node'))).toBe(true);
    expect(nativeTensorflowInstalled(only('@tensorflow/tfjs'))).toBe(false);
    // This checkout cannot install them (no libtensorflow download here).
    expect(nativeTensorflowInstalled()).toBe(false);
  });
});
