/** Figures read off a run's state, the same for the host (records, the runs list) and the renderer (the dashboard, the canvas). */
import type { AlertKind, WeightsPosition } from '../protocol/trainer.ts';
import type { AlertMark, RunState } from './state.ts';

/** Batches per epoch: from the trainer when it has said, else worked out from the batch points (step − batch over finished epochs). */
export function batchesPerEpoch(s: RunState): number {
  const told = s.ready?.batchesPerEpoch || s.progress?.batchesPerEpoch;
  if (told) return told;
  const points = [...s.batches.kept, ...s.batches.pending];
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p.epoch > 1) return (p.step - p.batch) / (p.epoch - 1);
  }
  return points.reduce((m, p) => Math.max(m, p.batch), 0);
}

const ALERT_ORDER: readonly AlertKind[] = ['nan', 'overflow', 'exploding', 'diverging', 'vanishing', 'dead-relu'];

/** Per graph node, the newest alert of each kind, most serious first: a node shows at most one badge per kind. */
export function alertsByNode(alerts: RunState['alerts']): ReadonlyMap<string, readonly AlertMark[]> {
  const out = new Map<string, AlertMark[]>();
  for (const a of alerts) {
    if (a.nodeId === undefined) continue;
    const kept = (out.get(a.nodeId) ?? []).filter((k) => k.kind !== a.kind);
    out.set(a.nodeId, [...kept, a].sort((x, y) => ALERT_ORDER.indexOf(x.kind) - ALERT_ORDER.indexOf(y.kind)));
  }
  return out;
}

/** Test-set figures, once the run reached evaluation. */
export function testFigures(s: RunState): { readonly loss: number; readonly metrics: Readonly<Record<string, number>> } | null {
  return s.evaluation ? { loss: s.evaluation.loss, metrics: s.evaluation.metrics } : null;
}

/** Which weights a saved model holds, for a sentence: "after epoch 3, batch 17 of 40 (step 97)", "after epoch 5 (step 200)" at an epoch's end, or "as initialized, before any batch". */
export function describeWeights(w: WeightsPosition): string {
  if (w.step === 0) return 'as initialized, before any batch';
  if (w.batch === w.batchesPerEpoch) return `after epoch ${w.epoch} (step ${w.step})`;
  return `after epoch ${w.epoch}, batch ${w.batch} of ${w.batchesPerEpoch} (step ${w.step})`;
}
