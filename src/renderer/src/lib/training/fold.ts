/**
 * One run's trainer events folded into what the dashboard draws. Curves,
 * weight histograms and gradient norms go into the viz RunTrace (bounded
 * buffers); the rest is "latest wins" (progress, boundary, evaluation) or a
 * short bounded list (alerts per layer, errors, log lines). `apply` says which
 * parts changed so that a view redraws only what it shows.
 *
 * Plain TypeScript: the Svelte session wraps it, tests drive it directly.
 */
import type { RunRecord, RunStatus } from '../../../../shared/protocol/training-api.ts';
import type { AlertKind, BackendName, SkippedBackend, TrainerEvent } from '../../../../shared/protocol/trainer.ts';
import type { DatasetInfo } from '../../../../shared/protocol/datasets.ts';
import { RunTrace, type AlertMark } from '../viz/trace.ts';

export type ReadyEvent = Extract<TrainerEvent, { type: 'ready' }>;
export type ProgressEvent = Extract<TrainerEvent, { type: 'progress' }>;
export type BoundaryEvent = Extract<TrainerEvent, { type: 'boundary' }>;
export type EvaluationEvent = Extract<TrainerEvent, { type: 'evaluation' }>;
export type AlertEvent = Extract<TrainerEvent, { type: 'alert' }>;
export type ExitEvent = Extract<TrainerEvent, { type: 'exit' }>;
export type SavedModelEvent = Extract<TrainerEvent, { type: 'savedModel' }>;

/** Bits of `apply`'s answer: which views have something new. */
export const Changed = {
  none: 0,
  curves: 1,
  weights: 2,
  boundary: 4,
  evaluation: 8,
  progress: 16,
  status: 32,
  alerts: 64,
  info: 128,
  messages: 256,
} as const;

/** Where the run stands, as the run panel says it. */
export type RunPhase = RunStatus | 'loading' | 'evaluating' | 'saving';

/** What `ready` told us (or a stored run's record): backend, device, sizes. */
export interface RunInfo {
  readonly backend: BackendName | null;
  readonly device: string | null;
  readonly skipped: readonly SkippedBackend[];
  readonly dataset: DatasetInfo | null;
  readonly trainSamples: number;
  readonly valSamples: number;
  readonly batchesPerEpoch: number;
  readonly epochs: number;
  readonly params: number;
}

export interface RunMessage {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly detail?: string;
}

export interface FoldOptions {
  readonly label?: string;
  /** Points kept per curve (default 2000). */
  readonly capacity?: number;
  /** Histograms kept per weight (default 40). */
  readonly histograms?: number;
}

const MESSAGES_KEPT = 50;
const RUN_ALERTS_KEPT = 20;

export class RunFold {
  readonly trace: RunTrace;
  phase: RunPhase = 'starting';
  info: RunInfo | null = null;
  progress: ProgressEvent | null = null;
  boundary: BoundaryEvent | null = null;
  evaluation: EvaluationEvent | null = null;
  exit: ExitEvent | null = null;
  savedModel: SavedModelEvent | null = null;
  /** Newest last, at most MESSAGES_KEPT. */
  messages: readonly RunMessage[] = [];
  /** Per layer name, the newest alert of each kind: a node shows at most one badge per kind. */
  layerAlerts: ReadonlyMap<string, readonly AlertMark[]> = new Map();
  /** Alerts that name no layer (NaN, exploding), newest last. */
  runAlerts: readonly AlertMark[] = [];

  constructor(options: FoldOptions = {}) {
    this.trace = new RunTrace({ label: options.label ?? 'Run', capacity: options.capacity ?? 2000, histograms: options.histograms ?? 40 });
  }

  get ended(): boolean {
    return this.exit !== null || isExitStatus(this.phase);
  }

  /** Takes one event; returns the Changed bits it set. */
  apply(event: TrainerEvent): number {
    switch (event.type) {
      case 'ready':
        this.info = infoFromReady(event);
        if (this.phase === 'starting') this.phase = 'loading';
        this.trace.apply(event);
        return Changed.info | Changed.status;
      case 'status':
        if (!this.ended) this.phase = event.state;
        this.trace.apply(event);
        return Changed.status;
      case 'progress':
        this.progress = event;
        if (this.phase === 'starting' || this.phase === 'loading') this.phase = 'running';
        this.trace.apply(event);
        return Changed.progress;
      case 'batchMetrics':
      case 'epochMetrics':
        this.trace.apply(event);
        return Changed.curves;
      case 'snapshot':
        this.trace.apply(event);
        return Changed.weights;
      case 'boundary':
        this.boundary = event;
        return Changed.boundary;
      case 'evaluation':
        this.evaluation = event;
        this.trace.apply(event);
        return Changed.evaluation;
      case 'alert':
        this.trace.apply(event);
        this.#addAlert(event);
        return Changed.alerts;
      case 'log':
        this.#message({ level: event.level, message: event.message });
        return Changed.messages;
      case 'error':
        this.#message({ level: 'error', message: event.message, ...(event.detail ? { detail: event.detail } : {}) });
        return Changed.messages;
      case 'savedModel':
        this.savedModel = event;
        return Changed.messages;
      case 'exit':
        this.exit = event;
        this.phase = event.reason;
        this.trace.apply(event);
        return Changed.status | Changed.progress;
      default:
        throw new Error(`RunFold: unknown trainer event ${JSON.stringify(event satisfies never)}`);
    }
  }

  /** Fills a fresh fold from a stored run, so a past run's dashboard looks as it did when it ended. */
  loadRecord(record: RunRecord): void {
    this.info = {
      backend: record.backend,
      device: record.device,
      skipped: record.skipped,
      dataset: record.datasetInfo,
      trainSamples: record.datasetInfo?.trainCount ?? 0,
      valSamples: 0,
      batchesPerEpoch: inferBatchesPerEpoch(record),
      epochs: record.epochs,
      params: 0,
    };
    this.phase = record.status;
    this.trace.addBatches(record.batches);
    this.trace.addEpochs(record.epochRecords);
    if (record.lastSnapshot) this.trace.apply(record.lastSnapshot);
    this.boundary = record.lastBoundary;
    this.evaluation = record.evaluation;
    for (const alert of record.alerts) this.apply(alert);
    if (record.message && isExitStatus(record.status)) {
      this.exit = { type: 'exit', reason: record.status, message: record.message, epochsCompleted: record.epochsCompleted };
    }
  }

  #addAlert(event: AlertEvent): void {
    const mark = this.trace.alerts().at(-1);
    if (!mark) return;
    if (!event.layer) {
      this.runAlerts = [...this.runAlerts.slice(-(RUN_ALERTS_KEPT - 1)), mark];
      return;
    }
    const next = new Map(this.layerAlerts);
    const kept = (next.get(event.layer) ?? []).filter((a) => a.kind !== event.kind);
    next.set(event.layer, [...kept, mark].sort((a, b) => ALERT_ORDER.indexOf(a.kind) - ALERT_ORDER.indexOf(b.kind)));
    this.layerAlerts = next;
  }

  #message(m: RunMessage): void {
    this.messages = [...this.messages.slice(-(MESSAGES_KEPT - 1)), m];
  }
}

const ALERT_ORDER: readonly AlertKind[] = ['nan', 'exploding', 'vanishing', 'dead-relu'];

export function isExitStatus(phase: RunPhase): phase is ExitEvent['reason'] {
  return phase === 'completed' || phase === 'stopped' || phase === 'early-stopped' || phase === 'failed' || phase === 'crashed';
}

function infoFromReady(e: ReadyEvent): RunInfo {
  return {
    backend: e.backend,
    device: e.device,
    skipped: e.skipped,
    dataset: e.dataset,
    trainSamples: e.trainSamples,
    valSamples: e.valSamples,
    batchesPerEpoch: e.batchesPerEpoch,
    epochs: e.epochs,
    params: e.params,
  };
}

/** Stored runs keep no batchesPerEpoch; the batch points carry it as step − batch over finished epochs. */
function inferBatchesPerEpoch(record: RunRecord): number {
  for (let i = record.batches.length - 1; i >= 0; i--) {
    const p = record.batches[i];
    if (p.epoch > 1) return (p.step - p.batch) / (p.epoch - 1);
  }
  return record.batches.reduce((m, p) => Math.max(m, p.batch), 0);
}
