/** Helpers for tests of the training host. */
import type { TrainerEvent } from '../../../shared/protocol/trainer.ts';
import type { TrainingRun } from './run.ts';

/** Resolves at the run's first event of this type from now on. */
export function firstEvent(run: TrainingRun, type: TrainerEvent['type']): Promise<void> {
  return new Promise((resolve) => {
    const off = run.onEvent((e) => {
      if (e.type === type) {
        off();
        resolve();
      }
    });
  });
}
