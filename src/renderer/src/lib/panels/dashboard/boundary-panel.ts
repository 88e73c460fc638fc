/**
 * The figures and choices around the Boundary tab's picture: which losses
 * stand beside it (each named for the data it was measured on), whether the
 * document's data is a regenerated copy of the run's, and the seed that
 * Regenerate picks.
 */
import type { DatasetRef } from '../../../../../shared/document/index.ts';
import type { RunState } from '../../../../../shared/run/index.ts';

export interface LossFigure {
  readonly id: 'train' | 'val' | 'test';
  readonly label: string;
  readonly value: number;
  /** When it was measured: "epoch 60", "after training". */
  readonly when: string;
}

/**
 * The newest training loss and, beside it, what the run measured on held-out
 * data: the validation loss of the same epoch when the run validates, and
 * the test set's loss once the run has been evaluated. A run with neither
 * shows only its training loss rather than a figure under a wrong name.
 */
export function boundaryLosses(state: Pick<RunState, 'lastEpoch' | 'evaluation'>): LossFigure[] {
  const out: LossFigure[] = [];
  const e = state.lastEpoch;
  if (e) {
    const when = `epoch ${e.epoch}`;
    out.push({ id: 'train', label: 'Training loss', value: e.loss, when });
    if (e.valLoss !== undefined) out.push({ id: 'val', label: 'Validation loss', value: e.valLoss, when });
  }
  if (state.evaluation) out.push({ id: 'test', label: 'Test loss', value: state.evaluation.loss, when: `${state.evaluation.samples.toLocaleString('en-US')} points, after training` });
  return out;
}

type Generated = Extract<DatasetRef, { kind: 'generated' }>;

/**
 * The project's generated set when it is the run's set drawn again with
 * another seed (Regenerate), else null: then the view shows the new points
 * under the run's boundary instead of the points the run trained on.
 */
export function regeneratedFrom(project: DatasetRef | null, run: DatasetRef | null): Generated | null {
  if (project?.kind !== 'generated' || run?.kind !== 'generated' || project.seed === run.seed) return null;
  return JSON.stringify({ ...project, seed: 0 }) === JSON.stringify({ ...run, seed: 0 }) ? project : null;
}

/** A fresh seed for Regenerate: a whole number from 1 to 999,999, never the current one. */
export function regenerateSeed(current: number, random: () => number = Math.random): number {
  const seed = 1 + Math.floor(random() * 999_999);
  return seed === current ? (seed % 999_999) + 1 : seed;
}
