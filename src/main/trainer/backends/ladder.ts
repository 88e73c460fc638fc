/**
 * Picks the backend: tfjs-node-gpu → webgpu → tfjs-node → wasm → cpu, or
 * only the one the user forced. Each rung either loads and passes the
 * trainer's probe step (one real training step of the model) or is skipped
 * with a reason the user sees in the `ready` event.
 */
import type { TrainingSettings } from '../../../shared/document/schema.ts';
import { BACKEND_LADDER, type BackendName, type SkippedBackend } from '../../../shared/protocol/trainer.ts';
import { loadCpu } from './cpu.ts';
import { importNative, loadTensorflowCpu, loadTensorflowGpu, type NativeTf } from './tensorflow.ts';
import { BackendUnavailable, firstLine, type BackendProbe, type LoadedBackend } from './types.ts';
import { loadWasm } from './wasm.ts';
import { loadWebgpu } from './webgpu.ts';

export interface BackendSelection {
  readonly backend: LoadedBackend;
  readonly skipped: readonly SkippedBackend[];
}

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

async function loadRung(name: BackendName): Promise<LoadedBackend> {
  switch (name) {
    case 'tensorflow-gpu':
      return loadTensorflowGpu(await nativePackage('@tensorflow/tfjs-node-gpu'));
    case 'webgpu':
      return loadWebgpu();
    case 'tensorflow':
      return loadTensorflowCpu(await nativePackage('@tensorflow/tfjs-node'));
    case 'wasm':
      return loadWasm();
    case 'cpu':
      return loadCpu();
    default:
      throw new Error(`unknown backend ${String(name satisfies never)}`);
  }
}

/** Rungs that need the probe: their kernel sets are incomplete for training (wasm) or young (webgpu). */
const PROBED: ReadonlySet<BackendName> = new Set(['webgpu', 'wasm']);

export async function selectBackend(want: TrainingSettings['backend'], probe?: BackendProbe): Promise<BackendSelection> {
  const rungs = want === 'auto' ? BACKEND_LADDER : [want];
  const skipped: SkippedBackend[] = [];
  for (const name of rungs) {
    try {
      const backend = await loadRung(name);
      if (probe && PROBED.has(name)) {
        try {
          await probe(backend.tf, name);
        } catch (err) {
          const missing = /Kernel '(\w+)' not registered/.exec(String((err as Error).message));
          throw new BackendUnavailable(missing ? `lacks the ${missing[1]} kernel this model needs for training` : `a trial training step failed: ${firstLine(err)}`);
        }
      }
      return { backend, skipped };
    } catch (err) {
      if (!(err instanceof BackendUnavailable)) throw err;
      skipped.push({ backend: name, reason: err.message });
    }
  }
  const reasons = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  throw new BackendUnavailable(want === 'auto' ? `no backend could run this model (${reasons})` : `the ${want} backend is not available here: ${skipped[0].reason}`);
}
