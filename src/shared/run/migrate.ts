/**
 * Run records written before format 2 kept a run as loose fields (status,
 * batches, epochRecords, lastSnapshot, lastBoundary, evaluation, alerts),
 * with layers named rather than identified. This turns one into a format-2
 * record by replaying what it kept through applyEvent, naming each layer's
 * node from the record's own graph. The file is rewritten in the new form
 * the next time the host writes it.
 */
import { compile } from '../compile/index.ts';
import type { DatasetRef, GraphDoc, TrainingSettings } from '../document/schema.ts';
import type { DatasetInfo } from '../protocol/datasets.ts';
import type { RunRecord } from '../protocol/training-api.ts';
import type { BackendName, BatchPoint, EpochRecord, SkippedBackend, TrainerEvent } from '../protocol/trainer.ts';
import { applyEvent } from './apply.ts';
import { isEnded, type RunPhase } from './phase.ts';
import { emptyRunState, type AlertEvent, type BoundaryEvent, type EvaluationEvent, type SnapshotEvent } from './state.ts';
import { batchesPerEpoch } from './views.ts';

/** What a record of format 1 holds. */
export interface RecordV1 {
  readonly id: string;
  readonly title: string;
  readonly projectPath: string | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly status: RunPhase;
  readonly epochsCompleted: number;
  readonly epochs: number;
  readonly backend: BackendName | null;
  readonly device: string | null;
  readonly message: string | null;
  readonly hasWeights: boolean;
  readonly doc: GraphDoc;
  readonly settings: TrainingSettings;
  readonly datasetInfo: DatasetInfo | null;
  readonly dataset: DatasetRef | null;
  readonly skipped: readonly SkippedBackend[];
  readonly epochRecords: readonly EpochRecord[];
  readonly batches: readonly BatchPoint[];
  readonly lastSnapshot: (Omit<SnapshotEvent, 'layers'> & { readonly layers: readonly (Omit<SnapshotEvent['layers'][number], 'nodeId'> & { nodeId?: string })[] }) | null;
  readonly lastBoundary: (Omit<BoundaryEvent, 'units'> & { readonly units: readonly (Omit<BoundaryEvent['units'][number], 'nodeId'> & { nodeId?: string })[] }) | null;
  readonly evaluation: EvaluationEvent | null;
  readonly alerts: readonly AlertEvent[];
}

export function isRecordV1(value: unknown): value is RecordV1 {
  return typeof value === 'object' && value !== null && !('format' in value) && 'epochRecords' in value && 'batches' in value;
}

export function fromRecordV1(old: RecordV1): RunRecord {
  const compiled = compile(old.doc);
  const nodes = new Map(compiled.ok ? compiled.spec.layers.map((l) => [l.name, l.nodeId]) : []);
  const node = (name: string) => nodes.get(name) ?? name;
  const events: TrainerEvent[] = [];
  if (old.backend && old.datasetInfo) {
    const probe = [{ type: 'batchMetrics', points: old.batches } as const].reduce((s, e) => applyEvent(s, e), emptyRunState());
    events.push({ type: 'ready', backend: old.backend, device: old.device ?? '', skipped: old.skipped, tfVersion: '', dataset: old.datasetInfo, trainSamples: old.datasetInfo.trainCount, valSamples: 0, batchesPerEpoch: batchesPerEpoch(probe), epochs: old.epochs, params: 0 });
  }
  if (old.batches.length) events.push({ type: 'batchMetrics', points: old.batches });
  if (old.epochRecords.length) events.push({ type: 'epochMetrics', epochs: old.epochRecords });
  if (old.lastSnapshot) events.push({ ...old.lastSnapshot, layers: old.lastSnapshot.layers.map((l) => ({ ...l, nodeId: l.nodeId ?? node(l.name) })) });
  if (old.lastBoundary) events.push({ ...old.lastBoundary, units: old.lastBoundary.units.map((u) => ({ ...u, nodeId: u.nodeId ?? node(u.layer) })) });
  if (old.evaluation) events.push(old.evaluation);
  for (const a of old.alerts) events.push(a.layer !== undefined && a.nodeId === undefined ? { ...a, nodeId: node(a.layer) } : a);
  if (old.hasWeights) events.push({ type: 'savedModel', dir: '', files: [], bytes: 0 });
  if (isEnded(old.status)) events.push({ type: 'exit', reason: old.status, message: old.message ?? '', epochsCompleted: old.epochsCompleted });
  let run = events.reduce(applyEvent, emptyRunState());
  if (!isEnded(run.phase)) run = { ...run, phase: old.status, epochsCompleted: Math.max(run.epochsCompleted, old.epochsCompleted) };
  return { format: 2, id: old.id, title: old.title, projectPath: old.projectPath, startedAt: old.startedAt, endedAt: old.endedAt, doc: old.doc, settings: old.settings, dataset: old.dataset, datasetInfo: old.datasetInfo, run };
}
