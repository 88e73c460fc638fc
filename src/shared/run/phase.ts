/**
 * Where a run stands, one word for every place that shows or stores it:
 * the trainer's own states, "starting" before the trainer has said anything,
 * and the exit reason once it has ended. The runs list, the run panel, the
 * stored record and the host's bookkeeping all use this union.
 */
import type { ExitReason, TrainerState } from '../protocol/trainer.ts';

export type RunPhase = 'starting' | TrainerState | ExitReason;

const ENDED: ReadonlySet<RunPhase> = new Set<ExitReason>(['completed', 'stopped', 'early-stopped', 'failed', 'crashed']);

export function isEnded(phase: RunPhase): phase is ExitReason {
  return ENDED.has(phase);
}
