/**
 * What a run trains, from the document on the canvas (or in a file) and the
 * overrides of whoever starts it: the run panel's backend and epochs, the
 * CLI's --backend and --epochs. The one place that turns a document into
 * the trainer's start command (less the host's own parts: where relative
 * dataset paths are read from, where the model is saved, how often to take
 * snapshots).
 */
import type { Diagnostic } from '../analysis/index.ts';
import { compile } from '../compile/index.ts';
import type { CompileSpec } from '../compile/spec.ts';
import type { DatasetRef, GraphDoc, TrainingSettings } from '../document/schema.ts';
import type { BackendName } from '../protocol/trainer.ts';

export interface RunOverrides {
  /** Train on this backend; absent: the document's. */
  readonly backend?: 'auto' | BackendName;
  /** Train this many epochs; absent: the document's. */
  readonly epochs?: number;
}

export type RunPlan =
  | { readonly ok: true; readonly spec: CompileSpec; readonly settings: TrainingSettings; readonly dataset: DatasetRef }
  /** `errors`: the graph does not compile (its error diagnostics); `no-dataset`: nothing to train on. */
  | { readonly ok: false; readonly reason: 'errors'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly reason: 'no-dataset' };

export function planRun(doc: GraphDoc, overrides: RunOverrides = {}): RunPlan {
  const compiled = compile(doc);
  if (!compiled.ok) return { ok: false, reason: 'errors', diagnostics: compiled.diagnostics };
  const { spec } = compiled;
  if (!spec.dataset) return { ok: false, reason: 'no-dataset' };
  const settings: TrainingSettings = {
    ...spec.training,
    ...(overrides.backend ? { backend: overrides.backend } : {}),
    ...(overrides.epochs ? { epochs: overrides.epochs } : {}),
  };
  return { ok: true, spec, settings, dataset: spec.dataset };
}
