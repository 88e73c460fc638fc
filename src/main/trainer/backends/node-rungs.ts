/**
 * The ladder's rungs in a Node trainer process (forked by the CLI and
 * `netwright serve`, or Electron's utilityProcess): native TensorFlow, WebGPU
 * through Dawn's addon, wasm and cpu.
 */
import type { BackendName } from '../../../shared/protocol/trainer.ts';
import { loadCpu } from './cpu.ts';
import { selectBackend, type BackendSelector } from './ladder.ts';
import { importNative, loadTensorflowCpu, loadTensorflowGpu, type NativeTf } from './tensorflow.ts';
import type { LoadedBackend, Workload } from './types.ts';
import { loadWasm } from './wasm.ts';
import { loadWebgpu } from './webgpu.ts';

/**
 * The native package this process has loaded, if any. tfjs-node and
 * tfjs-node-gpu both register "tensorflow" and share one libtensorflow, so
 * once one is in, the other must never be imported; a process can hold only
 * one, whatever its runs ask for.
 */
let native: Promise<NativeTf> | null = null;

function nativePackage(pkg: NativeTf['pkg']): Promise<NativeTf> {
  if (!native) {
    native = importNative(pkg);
    // A failed import leaves the slot free for the other package.
    native.catch(() => (native = null));
  }
  return native;
}

async function loadRung(name: BackendName, workload: Workload): Promise<LoadedBackend> {
  switch (name) {
    case 'tensorflow-gpu':
      return loadTensorflowGpu(await nativePackage('@tensorflow/tfjs-node-gpu'));
    case 'webgpu':
      return loadWebgpu();
    case 'tensorflow':
      return loadTensorflowCpu(await nativePackage('@tensorflow/tfjs-node'));
    case 'wasm':
      return loadWasm(workload);
    case 'cpu':
      return loadCpu();
    default:
      throw new Error(`unknown backend ${String(name satisfies never)}`);
  }
}

export const selectNodeBackend: BackendSelector = (want, probe, workload) => selectBackend(loadRung, want, probe, workload);
