/** The runs-list line of a record: its meta and the figures of its state. */
import type { RunRecord, RunSummary } from '../protocol/training-api.ts';
import { testFigures } from './views.ts';

export function summaryOf(r: RunRecord): RunSummary {
  const s = r.run;
  return {
    id: r.id,
    title: r.title,
    projectPath: r.projectPath,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    status: s.phase,
    epochsCompleted: s.epochsCompleted,
    epochs: s.ready?.epochs ?? r.settings.epochs,
    backend: s.ready?.backend ?? null,
    device: s.ready?.device ?? null,
    last: s.lastEpoch,
    test: testFigures(s),
    message: s.exit?.message ?? null,
    hasWeights: s.hasWeights,
    settings: r.settings,
    ...(r.search ? { search: r.search } : {}),
  };
}
