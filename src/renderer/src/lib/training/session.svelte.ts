/**
 * One run as the views see it: a RunFold behind reactive fields that are
 * refreshed at most a few times a second. Events only mark what changed; a
 * timer copies the changed parts into `$state.raw` fields, so a burst of
 * batch points redraws the curves once, and a progress tick never touches
 * the weight views.
 */
import type { DatasetRef } from '../../../../shared/document/index.ts';
import type { DatasetPreview, RunRecord } from '../../../../shared/protocol/training-api.ts';
import type { TrainerEvent } from '../../../../shared/protocol/trainer.ts';
import { EMPTY_SERIES } from '../viz/series.ts';
import type { AlertMark, CurveData, GradientSeries } from '../viz/trace.ts';
import { Changed, RunFold, type BoundaryEvent, type EvaluationEvent, type ExitEvent, type ProgressEvent, type RunInfo, type RunMessage, type RunPhase } from './fold.ts';

const EMPTY_CURVES: CurveData = {
  label: '',
  batchesPerEpoch: 0,
  metric: null,
  batchLoss: EMPTY_SERIES,
  batchMetric: EMPTY_SERIES,
  epochLoss: EMPTY_SERIES,
  valLoss: EMPTY_SERIES,
  epochMetric: EMPTY_SERIES,
  valMetric: EMPTY_SERIES,
};

/** Shortest time between two refreshes of the views, in milliseconds. */
export const REFRESH_MS = 200;

export class TrainingSession {
  readonly fold: RunFold;
  phase = $state<RunPhase>('starting');
  info = $state.raw<RunInfo | null>(null);
  progress = $state.raw<ProgressEvent | null>(null);
  curves = $state.raw<CurveData>(EMPTY_CURVES);
  gradients = $state.raw<readonly GradientSeries[]>([]);
  /** Bumped when weight snapshots changed; views read the fold's trace then. */
  weightsVersion = $state(0);
  boundary = $state.raw<BoundaryEvent | null>(null);
  evaluation = $state.raw<EvaluationEvent | null>(null);
  exit = $state.raw<ExitEvent | null>(null);
  alerts = $state.raw<readonly AlertMark[]>([]);
  layerAlerts = $state.raw<ReadonlyMap<string, readonly AlertMark[]>>(new Map());
  messages = $state.raw<readonly RunMessage[]>([]);
  hasWeights = $state(false);
  /** The data points under the decision boundary, loaded once on demand. */
  preview = $state.raw<DatasetPreview | null>(null);
  /** What the run trained on, for the preview: set at start, or from the record. */
  dataset: DatasetRef | null = null;
  previewRequested = false;
  projectPath: string | null = null;

  #pending = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastRefresh = 0;

  /**
   * @param id the host's run id
   * @param live true for a run this window is training now; false for one loaded from the runs list
   */
  constructor(
    readonly id: string,
    readonly label: string,
    readonly live: boolean,
  ) {
    this.fold = new RunFold({ label });
    this.curves = this.fold.trace.curves();
  }

  /** A stored run; `live` when it is still going and later events will be applied to it. */
  static fromRecord(record: RunRecord, label: string, live = false): TrainingSession {
    const session = new TrainingSession(record.id, label, live);
    session.fold.loadRecord(record);
    session.hasWeights = record.hasWeights;
    session.dataset = record.dataset;
    session.projectPath = record.projectPath;
    session.#pending = ~0;
    session.refresh();
    return session;
  }

  get ended(): boolean {
    return this.exit !== null || this.fold.ended;
  }

  apply(event: TrainerEvent): void {
    this.#pending |= this.fold.apply(event);
    if (event.type === 'savedModel') this.hasWeights = true;
    // The end of a run is shown at once; everything else waits for the next refresh.
    if (event.type === 'exit' || event.type === 'status') this.refresh();
    else this.#schedule();
  }

  /** Copies whatever changed since the last refresh into the reactive fields. */
  refresh(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#lastRefresh = Date.now();
    const p = this.#pending;
    this.#pending = 0;
    const f = this.fold;
    if (p & Changed.status) this.phase = f.phase;
    if (p & Changed.info) this.info = f.info;
    if (p & Changed.progress) this.progress = f.progress;
    if (p & Changed.curves) this.curves = f.trace.curves();
    if (p & Changed.weights) {
      this.gradients = f.trace.gradients();
      this.weightsVersion++;
    }
    if (p & Changed.boundary) this.boundary = f.boundary;
    if (p & Changed.evaluation) this.evaluation = f.evaluation;
    if (p & Changed.alerts) {
      this.alerts = f.trace.alerts();
      this.layerAlerts = f.layerAlerts;
    }
    if (p & (Changed.messages | Changed.status)) this.messages = f.messages;
    if (p & Changed.status) this.exit = f.exit;
  }

  /** Stops the pending refresh (the session is being dropped). */
  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    if (this.#timer !== null) return;
    const wait = Math.max(0, REFRESH_MS - (Date.now() - this.#lastRefresh));
    this.#timer = setTimeout(() => this.refresh(), wait);
  }
}
