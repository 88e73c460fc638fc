/**
 * Picks the backend: tfjs-node-gpu → webgpu → tfjs-node → wasm → cpu, or
 * only the one the user forced. Each rung either loads and passes the
 * trainer's probe step (one real training step of the model) or is skipped
 * with a reason the user sees in the `ready` event. How a rung loads depends
 * on where the trainer runs (a Node process: node-rungs.ts; Chromium's GPU
 * page: page/rungs.ts), so the loader is passed in.
 */
import type { TrainingSettings } from '../../../shared/document/schema.ts';
import { BACKEND_LADDER, type BackendName, type SkippedBackend } from '../../../shared/protocol/trainer.ts';
import { installGradients } from './gradients.ts';
import { BackendUnavailable, firstLine, type BackendProbe, type LoadedBackend, type Workload } from './types.ts';

export interface BackendSelection {
  readonly backend: LoadedBackend;
  readonly skipped: readonly SkippedBackend[];
}

/** Loads one rung or throws BackendUnavailable with the reason to show. */
export type RungLoader = (name: BackendName, workload: Workload) => Promise<LoadedBackend>;

/** What the trainer core calls to get its backend; each host environment binds its own rungs. */
export type BackendSelector = (want: TrainingSettings['backend'], probe?: BackendProbe, workload?: Workload) => Promise<BackendSelection>;

/** Rungs that need the probe: their kernel sets are incomplete for training (wasm) or young (webgpu). */
const PROBED: ReadonlySet<BackendName> = new Set(['webgpu', 'wasm']);

export async function selectBackend(loadRung: RungLoader, want: TrainingSettings['backend'], probe?: BackendProbe, workload: Workload = { convolutional: false }): Promise<BackendSelection> {
  const rungs = want === 'auto' ? BACKEND_LADDER : [want];
  const skipped: SkippedBackend[] = [];
  for (const name of rungs) {
    try {
      const backend = await loadRung(name, workload);
      installGradients(backend.tf);
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
