/**
 * The native TensorFlow rungs: @tensorflow/tfjs-node-gpu (CUDA) and
 * @tensorflow/tfjs-node (CPU). Both are optionalDependencies whose install
 * downloads libtensorflow, so they are often absent; both register a backend
 * named "tensorflow" and must never be loaded together, so whichever loaded
 * first is remembered and reused (the GPU build runs on the CPU too).
 *
 * The GPU build needs CUDA 11.2 and cuDNN 8.1 on the library path; without
 * them TensorFlow logs a warning and quietly runs on the CPU, so the rung
 * checks that the backend really placed work on a GPU.
 */
import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { BackendUnavailable, firstLine, type LoadedBackend, type Tf } from './types.ts';

export type NodePackage = '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node';

/** Both native builds, GPU first. */
export const NATIVE_PACKAGES: readonly NodePackage[] = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

export interface NativeTf {
  readonly pkg: NodePackage;
  readonly tf: Tf;
}

/** Dynamic import through a variable, so bundlers leave the optional package out and a missing one fails here, not at start-up. */
export async function importNative(pkg: NodePackage): Promise<NativeTf> {
  let mod: { default?: Tf } & Partial<Tf>;
  try {
    const specifier: string = pkg;
    mod = await import(specifier);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      const need = pkg.endsWith('-gpu') ? ' (optional; its install needs internet access, Linux, CUDA 11.2 and cuDNN 8.1)' : ' (optional; its install needs internet access)';
      throw new BackendUnavailable(`not installed: ${pkg}${need}`);
    }
    throw new BackendUnavailable(`${pkg} is installed but failed to load: ${firstLine(err)}`);
  }
  // A CommonJS package: its module.exports (all of tfjs plus tf.node) arrives as `default`.
  const tf = (mod.default ?? mod) as Tf;
  if (typeof tf.setBackend !== 'function') throw new BackendUnavailable(`${pkg} loaded but does not look like TensorFlow.js`);
  return { pkg, tf };
}

interface NodeKernelBackend {
  isUsingGpuDevice?: boolean;
  binding?: { isUsingGpuDevice?: () => boolean };
}

function usesGpu(tf: Tf): boolean {
  const backend = tf.backend() as unknown as NodeKernelBackend;
  if (typeof backend.isUsingGpuDevice === 'boolean') return backend.isUsingGpuDevice;
  return backend.binding?.isUsingGpuDevice?.() === true;
}

async function activate(native: NativeTf): Promise<void> {
  try {
    if (!(await native.tf.setBackend('tensorflow'))) throw new Error('setBackend("tensorflow") returned false');
    await native.tf.ready();
  } catch (err) {
    throw new BackendUnavailable(`${native.pkg} loaded but TensorFlow did not start: ${firstLine(err)}`);
  }
}

export async function loadTensorflowGpu(native: NativeTf): Promise<LoadedBackend> {
  if (native.pkg !== '@tensorflow/tfjs-node-gpu') throw new BackendUnavailable(`${native.pkg} (the CPU build) is already loaded in this process`);
  await activate(native);
  if (!usesGpu(native.tf)) {
    throw new BackendUnavailable('TensorFlow found no usable CUDA GPU and fell back to the CPU (it needs an NVIDIA driver, CUDA 11.2 and cuDNN 8.1 on LD_LIBRARY_PATH)');
  }
  return { name: 'tensorflow-gpu', tf: native.tf, device: `${(await gpuName()) ?? 'NVIDIA GPU'} (CUDA, TensorFlow)` };
}

export async function loadTensorflowCpu(native: NativeTf): Promise<LoadedBackend> {
  await activate(native);
  const cores = cpus();
  const via = native.pkg.endsWith('-gpu') ? 'TensorFlow from tfjs-node-gpu' : 'TensorFlow';
  return { name: 'tensorflow', tf: native.tf, device: `CPU, ${cores.length} threads, ${cores[0]?.model.trim() ?? 'unknown model'} (${via})` };
}

/** The GPU's marketing name from nvidia-smi, when it answers within a second. */
function gpuName(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader'], { timeout: 1000 }, (err, stdout) => {
      resolve(err ? null : stdout.split('\n', 1)[0].trim() || null);
    });
  });
}
