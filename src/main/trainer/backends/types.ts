/**
 * What every backend loader hands back: the tfjs namespace that owns the
 * backend, so that the model is built and trained with exactly that instance.
 * tfjs-node re-exports its own copy of @tensorflow/tfjs; building the model
 * with a separately imported @tensorflow/tfjs could give layers and kernels
 * from two registries, so nothing outside backends/ imports tfjs at run time.
 */
import type * as TF from '@tensorflow/tfjs';
import type { BackendName } from '../../../shared/protocol/trainer.ts';

export type Tf = typeof TF;

export interface LoadedBackend {
  readonly name: BackendName;
  readonly tf: Tf;
  /** What it runs on, for people: "NVIDIA H100 (WebGPU, vulkan)", "CPU (JavaScript)". */
  readonly device: string;
}

/** A rung that cannot be used here; `message` is the reason shown to the user. */
export class BackendUnavailable extends Error {
  override readonly name = 'BackendUnavailable';
}

/**
 * Runs one training step of the real model on the freshly selected backend and
 * throws if a kernel is missing; given by the trainer, which knows the model.
 */
export type BackendProbe = (tf: Tf, backend: BackendName) => Promise<void>;

/**
 * What the run will ask of the backend, as far as choosing how to start it
 * goes: wasm spreads only convolutions over threads, and for anything else
 * a thread pool costs more than it gives.
 */
export interface Workload {
  readonly convolutional: boolean;
}

/** The first line of an error, for one-line reasons. */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n', 1)[0].trim();
}
