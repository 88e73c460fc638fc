/**
 * One run as the views see it: the run's state (src/shared/run) behind one
 * reactive field. Events are folded at once into a plain copy; the reactive
 * field follows it at most every REFRESH_MS, so a burst of batch points
 * redraws once. Views derive from parts of the state, and since the fold
 * keeps untouched parts the same objects, a progress tick never redraws the
 * weight pictures.
 */
import type { DatasetRef, TrainingSettings } from '../../../../shared/document/index.ts';
import type { DatasetPreview, RunRecord } from '../../../../shared/protocol/training-api.ts';
import type { TrainerEvent } from '../../../../shared/protocol/trainer.ts';
import { alertsByNode, applyEvent, batchesPerEpoch, emptyRunState, isEnded, type ParamChange, type RunState, type TuningEvent } from '../../../../shared/run/index.ts';
import { curvesOf, gradientsOf } from '../viz/curves.ts';

/** Shortest time between two refreshes of the views, in milliseconds. */
export const REFRESH_MS = 200;

const NO_CHANGES: readonly ParamChange[] = [];

/** The live pace and rates as shown: the trainer's last report, else what the run started with. */
export type LiveValues = Omit<TuningEvent, 'type'>;

export class TrainingSession {
  /** The run as drawn: at most REFRESH_MS behind the events. */
  state = $state.raw<RunState>(emptyRunState());
  readonly phase = $derived(this.state.phase);
  /** Backend, device, skipped rungs, dataset and sizes (the trainer's `ready`). */
  readonly info = $derived(this.state.ready);
  readonly progress = $derived(this.state.progress);
  readonly boundary = $derived(this.state.boundary);
  readonly evaluation = $derived(this.state.evaluation);
  readonly exit = $derived(this.state.exit);
  readonly alerts = $derived(this.state.alerts);
  readonly messages = $derived(this.state.messages);
  readonly hasWeights = $derived(this.state.hasWeights);
  readonly layers = $derived(this.state.layers);
  readonly histograms = $derived(this.state.histograms);
  readonly snapshot = $derived(this.state.snapshot);
  readonly #batches = $derived(this.state.batches);
  readonly #epochs = $derived(this.state.epochs);
  readonly #gradients = $derived(this.state.gradients);
  readonly #bpe = $derived(batchesPerEpoch(this.state));
  readonly curves = $derived.by(() => curvesOf(this.#batches, this.#epochs, this.#bpe, this.label));
  readonly gradients = $derived(gradientsOf(this.layers, this.#gradients));
  /** Per graph node, its newest alert of each kind: the canvas badges. */
  readonly layerAlerts = $derived(alertsByNode(this.alerts));
  /** Learning-rate and L1/L2 changes made while it ran: the curves mark them. */
  readonly changes = $derived(this.state.changes ?? NO_CHANGES);
  /** What it trained with (learning rate before any change). */
  settings = $state.raw<TrainingSettings | null>(null);
  /** The pace it was started at; the trainer's `tuning` reports replace it. */
  startSpeed = $state<number | null>(null);
  readonly liveValues = $derived.by((): LiveValues | null => {
    const t = this.state.tuning;
    if (t) return { stepsPerSecond: t.stepsPerSecond, learningRate: t.learningRate, l1: t.l1, l2: t.l2 };
    return this.settings ? { stepsPerSecond: this.startSpeed, learningRate: this.settings.learningRate, l1: 0, l2: 0 } : null;
  });
  /** The data points under the decision boundary, loaded once on demand. */
  preview = $state.raw<DatasetPreview | null>(null);
  /** What the run trained on, for the preview: set at start, or from the record. */
  dataset: DatasetRef | null = null;
  previewRequested = false;
  projectPath: string | null = null;

  #latest: RunState = emptyRunState();
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
  ) {}

  /** A stored run; `live` when it is still going and later events will be applied to it. */
  static fromRecord(record: RunRecord, label: string, live = false): TrainingSession {
    const session = new TrainingSession(record.id, label, live);
    session.#latest = record.run;
    session.dataset = record.dataset;
    session.projectPath = record.projectPath;
    session.settings = record.settings;
    session.refresh();
    return session;
  }

  /** Reactive: the exit is shown at once (apply refreshes on it). */
  get ended(): boolean {
    return isEnded(this.phase);
  }

  apply(event: TrainerEvent): void {
    this.#latest = applyEvent(this.#latest, event);
    // The end of a run, and every change of phase, is shown at once; everything else waits for the next refresh.
    if (event.type === 'exit' || event.type === 'status') this.refresh();
    else this.#schedule();
  }

  /** Makes the views show the run as it is now. */
  refresh(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#lastRefresh = Date.now();
    this.state = this.#latest;
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
