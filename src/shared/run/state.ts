/**
 * One training run as everything that shows or keeps it sees it: the host
 * persists it as the run's record, the renderer draws it, the CLI and tests
 * read it. It is folded from the trainer's events by applyEvent (apply.ts)
 * and nothing else. Plain, JSON-safe data, bounded however long the run:
 * curves and histories are Thinned lists, alerts and messages keep the
 * newest. Views refer to layers by graph node id (snapshots, alerts and
 * boundary units carry it), so a rename after the run never moves a badge.
 */
import type { BatchPoint, EpochRecord, Histogram, MetricValues, TrainerEvent, WeightsPosition } from '../protocol/trainer.ts';
import type { RunPhase } from './phase.ts';
import { thinned, type Thinned } from './thin.ts';

export type ReadyEvent = Extract<TrainerEvent, { type: 'ready' }>;
export type ProgressEvent = Extract<TrainerEvent, { type: 'progress' }>;
export type SnapshotEvent = Extract<TrainerEvent, { type: 'snapshot' }>;
export type BoundaryEvent = Extract<TrainerEvent, { type: 'boundary' }>;
export type EvaluationEvent = Extract<TrainerEvent, { type: 'evaluation' }>;
export type AlertEvent = Extract<TrainerEvent, { type: 'alert' }>;
export type ExitEvent = Extract<TrainerEvent, { type: 'exit' }>;

export interface Figures {
  readonly loss: number;
  readonly metrics: MetricValues;
}

/** A point of the batch curve standing for one or more of the trainer's points: their mean, and the lowest and highest figures among them. */
export interface BatchSpan extends BatchPoint {
  readonly low: Figures;
  readonly high: Figures;
}

/** A point of a plain series (a layer's gradient norm over steps): the mean of the values it stands for and their range. */
export interface SpanPoint {
  readonly x: number;
  readonly y: number;
  readonly lo: number;
  readonly hi: number;
}

export type WeightPart = 'kernel' | 'bias';

/** One weight's distribution at one snapshot. */
export interface HistogramFrame {
  readonly step: number;
  readonly epoch: number;
  readonly histogram: Histogram;
  readonly mean: number;
  readonly std: number;
}

/** A layer with weights, as the snapshots name it. */
export interface WeightedLayer {
  readonly nodeId: string;
  readonly name: string;
  readonly parts: readonly WeightPart[];
}

export interface AlertMark {
  /** Where it happened, in steps over the run (for chart markers). */
  readonly step: number;
  readonly epoch: number;
  readonly batch: number;
  readonly kind: AlertEvent['kind'];
  readonly nodeId?: string;
  /** The layer's name when the alert was raised, for the message's sake. */
  readonly layer?: string;
  readonly message: string;
  readonly fatal: boolean;
}

export interface RunMessage {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly detail?: string;
}

export interface RunState {
  readonly phase: RunPhase;
  /** Backend, device, skipped rungs, dataset and sizes, from the trainer's `ready`. */
  readonly ready: ReadyEvent | null;
  readonly progress: ProgressEvent | null;
  readonly batches: Thinned<BatchSpan>;
  readonly epochs: Thinned<EpochRecord>;
  readonly epochsCompleted: number;
  /** The newest epoch's record, as it came. */
  readonly lastEpoch: EpochRecord | null;
  /** The newest weight snapshot: matrices, first-layer pictures, dead-unit shares. */
  readonly snapshot: SnapshotEvent | null;
  /** Layers with weights, in model order. */
  readonly layers: readonly WeightedLayer[];
  /** Weight histograms over the run, by "<nodeId>:<part>". */
  readonly histograms: Readonly<Record<string, Thinned<HistogramFrame>>>;
  /** Each layer's gradient norm (kernel and bias together) over steps, by node id. */
  readonly gradients: Readonly<Record<string, Thinned<SpanPoint>>>;
  /** The newest decision-boundary picture (two-input classifiers only). */
  readonly boundary: BoundaryEvent | null;
  readonly evaluation: EvaluationEvent | null;
  /** Newest last, at most ALERTS_KEPT. */
  readonly alerts: readonly AlertMark[];
  /** Log lines and errors, newest last, at most MESSAGES_KEPT. */
  readonly messages: readonly RunMessage[];
  readonly exit: ExitEvent | null;
  /** The trainer saved model.json + weights.bin. */
  readonly hasWeights: boolean;
  /** Which weights it saved, e.g. those after epoch 3, batch 17 of a stopped run. Absent before the save, and in records from before it was kept. */
  readonly savedWeights?: WeightsPosition;
  /** The furthest step seen (alerts before `ready` says the epoch length are placed here). */
  readonly lastStep: number;
  /** The live pace and hyperparameters, as the trainer last reported them. Absent before training begins, and in records from before they were kept. */
  readonly tuning?: TuningEvent;
  /** Hyperparameters changed while the run went, oldest first, at most CHANGES_KEPT: the curves mark each. Absent in older records. */
  readonly changes?: readonly ParamChange[];
  /** Image models: the newest activations of the probed picture, with the candidates of the first such event. Absent before the first, and in older records. */
  readonly activations?: ActivationsEvent;
  /** The newest activations of each candidate picture, by its index (the run's end sends every one, so a finished run can show any). Absent in older records. */
  readonly activationsBySample?: readonly (ActivationsEvent | null)[];
}

export type ActivationsEvent = Extract<TrainerEvent, { type: 'activations' }>;

export type TuningEvent = Extract<TrainerEvent, { type: 'tuning' }>;

/** A change of the learning rate or an L1/L2 rate: from `step` on (the first batch trained with it) the value is `to`. */
export type ParamChange = Omit<Extract<TrainerEvent, { type: 'change' }>, 'type'>;

export const CHANGES_KEPT = 200;

export const CURVE_POINTS = 2000;
export const HISTOGRAM_FRAMES = 48;
export const ALERTS_KEPT = 100;
export const MESSAGES_KEPT = 50;

export function emptyRunState(): RunState {
  return {
    phase: 'starting',
    ready: null,
    progress: null,
    batches: thinned(CURVE_POINTS),
    epochs: thinned(CURVE_POINTS),
    epochsCompleted: 0,
    lastEpoch: null,
    snapshot: null,
    layers: [],
    histograms: {},
    gradients: {},
    boundary: null,
    evaluation: null,
    alerts: [],
    messages: [],
    exit: null,
    hasWeights: false,
    lastStep: 0,
  };
}
