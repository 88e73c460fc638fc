/**
 * Folds a run's trainer events into its RunRecord: the figures the runs list
 * shows and what a dashboard needs to redraw the run later (curves, the last
 * weight pictures, the last boundary, the evaluation). Pure bookkeeping; the
 * store decides when the record reaches the disk.
 */
import type { EpochRecord, TrainerEvent, TrainerState } from '../../../shared/protocol/trainer.ts';
import type { RunRecord, RunStatus, RunSummary } from '../../../shared/protocol/training-api.ts';
import { BatchCurve } from './batch-curve.ts';

/** Alerts beyond this are dropped: a run that warns every snapshot would otherwise grow without bound. */
const MAX_ALERTS = 200;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function statusOf(state: TrainerState): RunStatus {
  switch (state) {
    case 'loading':
      return 'starting';
    case 'paused':
      return 'paused';
    case 'running':
    case 'evaluating':
    case 'saving':
      return 'running';
    default:
      throw new Error(`unknown trainer state ${String(state satisfies never)}`);
  }
}

export class RunRecorder {
  private readonly record: Mutable<RunRecord>;
  private readonly curve = new BatchCurve();
  private readonly epochRecords: EpochRecord[] = [];

  constructor(initial: RunRecord) {
    this.record = { ...initial };
    this.epochRecords.push(...initial.epochRecords);
    for (const p of initial.batches) this.curve.add(p);
  }

  get id(): string {
    return this.record.id;
  }

  get status(): RunStatus {
    return this.record.status;
  }

  fold(e: TrainerEvent): void {
    const r = this.record;
    switch (e.type) {
      case 'ready':
        r.backend = e.backend;
        r.device = e.device;
        r.skipped = e.skipped;
        r.datasetInfo = e.dataset;
        r.epochs = e.epochs;
        return;
      case 'status':
        // After the exit event nothing changes the status again.
        if (!r.endedAt) r.status = statusOf(e.state);
        return;
      case 'progress':
        if (r.status === 'starting') r.status = 'running';
        return;
      case 'batchMetrics':
        for (const p of e.points) this.curve.add(p);
        return;
      case 'epochMetrics':
        this.epochRecords.push(...e.epochs);
        r.epochsCompleted = this.epochRecords.length;
        r.last = this.epochRecords[this.epochRecords.length - 1] ?? null;
        return;
      case 'snapshot':
        r.lastSnapshot = e;
        return;
      case 'boundary':
        r.lastBoundary = e;
        return;
      case 'evaluation':
        r.evaluation = e;
        r.test = { loss: e.loss, metrics: e.metrics };
        return;
      case 'alert':
        if (r.alerts.length < MAX_ALERTS) r.alerts = [...r.alerts, e];
        return;
      case 'savedModel':
        r.hasWeights = true;
        return;
      case 'exit':
        r.status = e.reason;
        r.message = e.message;
        r.endedAt = new Date().toISOString();
        r.epochsCompleted = Math.max(e.epochsCompleted, this.epochRecords.length);
        return;
      case 'log':
      case 'error':
        // The exit event carries the sentence that matters; logs are for the live view only.
        return;
      default:
        throw new Error(`unknown trainer event ${(e satisfies never as { type: string }).type}`);
    }
  }

  /** A copy to write or send; later events do not change it. */
  snapshot(): RunRecord {
    return { ...this.record, epochRecords: [...this.epochRecords], batches: this.curve.values() };
  }

  summary(): RunSummary {
    return summaryOf(this.record);
  }
}

/** The runs-list line of a record: the fields of RunSummary and nothing heavier. */
export function summaryOf(r: RunSummary): RunSummary {
  return {
    id: r.id,
    title: r.title,
    projectPath: r.projectPath,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    status: r.status,
    epochsCompleted: r.epochsCompleted,
    epochs: r.epochs,
    backend: r.backend,
    device: r.device,
    last: r.last,
    test: r.test,
    message: r.message,
    hasWeights: r.hasWeights,
  };
}
