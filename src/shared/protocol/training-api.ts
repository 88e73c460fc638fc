/**
 * The training half of NetwrightApi: what the data panel, the run panel, the
 * dashboard and the runs list exchange with the host. Runs outlive the
 * renderer: the host records every run (graph, settings, curves, last weight
 * pictures, evaluation, final weights) so that a reload, a crash of the window
 * or a later session can show it again, overlay it and export it.
 */
import type { RunSearchTag } from './search-api.ts';
import type { DatasetRef, GraphDoc, TrainingSettings } from '../document/schema.ts';
import type { DatasetInfo } from './datasets.ts';
import type { RunPhase } from '../run/phase.ts';
import type { RunState } from '../run/state.ts';
import type { BackendName, EpochRecord, TrainerEvent, Tuning } from './trainer.ts';

/** What the data panel shows before training. Pixels and rows are capped so a preview stays small. */
export type DatasetPreview =
  | {
      readonly kind: 'images';
      readonly info: DatasetInfo;
      readonly width: number;
      readonly height: number;
      /** 1 (grey) or 3 (RGB, interleaved). */
      readonly channels: number;
      /** At most 32 training samples, each width·height·channels bytes 0…255. */
      readonly samples: readonly { readonly pixels: readonly number[]; readonly label: number }[];
    }
  | {
      readonly kind: 'points';
      readonly info: DatasetInfo;
      /** Generated 2-D and 1-D sets: x1 (or x) across, x2 (or the target, for regression) up. At most 1,000 training points and 500 test points. */
      readonly axes: readonly [string, string];
      readonly train: readonly PreviewPoint[];
      readonly test: readonly PreviewPoint[];
    }
  | {
      readonly kind: 'table';
      /** Null when the file reads as a table but cannot be used as set up (`problem` says why): the table still shows, so the user can pick another target. */
      readonly info: DatasetInfo | null;
      /** Why the table cannot be trained on as set up, e.g. no column named as the target, or a word in a numeric column (with its line). */
      readonly problem: string | null;
      readonly name: string;
      readonly headers: readonly string[];
      /** The first rows as written in the file (at most 20). */
      readonly rows: readonly (readonly string[])[];
      readonly rowCount: number;
      readonly columns: readonly TableColumn[];
    };

export interface PreviewPoint {
  readonly x: number;
  readonly y: number;
  /** Class index for classification; the target value for regression. */
  readonly label: number;
}

/** Per-column figures of a CSV: what the user checks before picking a target and scaling. */
export interface TableColumn {
  readonly name: string;
  readonly type: 'numeric' | 'categorical';
  /** Empty cells and NA / NaN / null / ? markers. */
  readonly missing: number;
  /** Different filled values. */
  readonly distinct: number;
  /** Numeric columns: figures over the cells that are numbers. */
  readonly min?: number;
  readonly max?: number;
  readonly mean?: number;
  /** Population standard deviation, the one standard scaling divides by. */
  readonly std?: number;
  /** Numeric columns: cells that are not numbers (loading fails on them), and the first one's line. */
  readonly invalid?: number;
  readonly firstInvalidLine?: number;
  /** Categorical columns: the most frequent values, most frequent first (at most 10). */
  readonly topValues?: readonly { readonly value: string; readonly count: number }[];
}

export type DatasetPreviewResult = { readonly ok: true; readonly preview: DatasetPreview } | { readonly ok: false; readonly message: string };

export interface StartTrainingRequest {
  /** The graph as it is on the canvas (saved or not); its dataset and training settings drive the run. */
  readonly doc: GraphDoc;
  /** The project file, for relative dataset paths and for the runs list; null for a project never saved. */
  readonly projectPath: string | null;
  /** Force a backend for this run; absent: doc.training.backend. */
  readonly backend?: 'auto' | BackendName;
  /** Shorten the run without editing the document (e.g. a quick try): absent keeps doc.training.epochs. */
  readonly epochs?: number;
  /** Steps per second to hold from the first batch, to watch it learn (see setTrainingSpeed); null or absent: full speed. */
  readonly stepsPerSecond?: number | null;
  /** Host only (searches; the API does not accept it): validate on this fold instead of the split. */
  readonly fold?: { readonly index: number; readonly of: number };
  /** Host only: the search, trial and fold this run is, kept on its record. */
  readonly search?: RunSearchTag;
}

/** `ok: false` for a graph or dataset that cannot train; the message says what to fix. */
export type StartTrainingResult = { readonly ok: true; readonly runId: string } | { readonly ok: false; readonly message: string };

/** One line of the runs list: figures read off a record (summaryOf in shared/run). */
export interface RunSummary {
  readonly id: string;
  /** The project's title when the run started. */
  readonly title: string;
  readonly projectPath: string | null;
  /** ISO 8601. The list is newest first. */
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly status: RunPhase;
  readonly epochsCompleted: number;
  readonly epochs: number;
  readonly backend: BackendName | null;
  readonly device: string | null;
  /** The last epoch's record, if any. */
  readonly last: EpochRecord | null;
  /** Test-set figures, when the run reached evaluation. */
  readonly test: { readonly loss: number; readonly metrics: Readonly<Record<string, number>> } | null;
  /** The exit event's sentence, once it ended. */
  readonly message: string | null;
  /** True when model.json + weights.bin were saved, so predict and exportTrainedModel work. */
  readonly hasWeights: boolean;
  /** What it trained with, for the runs table's columns. */
  readonly settings: TrainingSettings;
  /** Present for a run of a search. */
  readonly search?: RunSearchTag;
}

/** Everything kept about a run: what it trained (to restore the graph) and its state (to redraw its dashboard). */
export interface RunRecord {
  /** The stored record's layout: 2 since a run's state is the shared RunState (older records are converted when read). */
  readonly format: 2;
  readonly id: string;
  readonly title: string;
  readonly projectPath: string | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly doc: GraphDoc;
  readonly settings: TrainingSettings;
  readonly dataset: DatasetRef | null;
  /** What the host found the dataset to be before the run started (the trainer's own figures are in run.ready). */
  readonly datasetInfo: DatasetInfo | null;
  /** Present for a run of a search: which search, trial and fold. */
  readonly search?: RunSearchTag;
  readonly run: RunState;
}

/** Outputs of the trained model, one row per input row (softmax probabilities for a classifier). */
export type PredictResult = { readonly ok: true; readonly outputs: readonly (readonly number[])[] } | { readonly ok: false; readonly message: string };

/** A trained model written out: the tfjs files and a runnable TypeScript project around them. */
export type ExportModelResult =
  | { readonly ok: true; readonly dir: string; readonly files: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** The host event that carries a run's trainer events to every window. */
export interface TrainingHostEvent {
  readonly type: 'training';
  readonly runId: string;
  readonly event: TrainerEvent;
}

/** Methods ApiMethods gains for training; see api.ts. */
export interface TrainingApiMethods {
  /** Loads (or generates) the dataset far enough to show a preview; progress is not reported (previews are small). */
  previewDataset(ref: DatasetRef, projectPath: string | null): Promise<DatasetPreviewResult>;
  /** Analyses and compiles the graph, starts a trainer, records the run; events follow as `training` host events. */
  startTraining(request: StartTrainingRequest): Promise<StartTrainingResult>;
  /** Takes effect between batches; a run that already ended is left alone. Unknown ids reject with invalid-arguments. */
  pauseTraining(runId: string): Promise<void>;
  resumeTraining(runId: string): Promise<void>;
  /** Holds the run to `stepsPerSecond` (MIN_STEPS_PER_SECOND … MAX_STEPS_PER_SECOND) from the next batch, or full speed for null. */
  setTrainingSpeed(runId: string, stepsPerSecond: number | null): Promise<void>;
  /** While paused: trains exactly one batch, then the run is paused again. Ignored when not paused. */
  stepTraining(runId: string): Promise<void>;
  /** Changes the learning rate or the L1/L2 rates from the next batch on; the run records each change (RunState.changes). */
  tuneTraining(runId: string, tuning: Tuning): Promise<void>;
  /** Image models: which candidate picture (0 … PROBE_CANDIDATES − 1) the run's activations show; answered by an `activations` event while the run trains. */
  probeTraining(runId: string, sample: number): Promise<void>;
  /**
   * Resolves once the trainer has exited: after the batch in progress, however
   * long it takes, and the save (the run reports "stopping" meanwhile). A
   * trainer that stops answering is ended instead, and its run says so.
   */
  stopTraining(runId: string): Promise<void>;
  listRuns(): Promise<readonly RunSummary[]>;
  getRun(runId: string): Promise<RunRecord | null>;
  /** Removes the run and its weights; stops it first if it is still going. */
  deleteRun(runId: string): Promise<void>;
  /** Runs the run's saved model on `inputs` (each a flattened sample in the dataset's input shape, same scaling as training data). At most 256 rows. */
  predict(runId: string, inputs: readonly (readonly number[])[]): Promise<PredictResult>;
  /** Writes model/model.json + weights.bin and a TypeScript project (package.json, src/model.ts, src/train.ts, src/predict.ts, README.md) into `dir`. */
  exportTrainedModel(runId: string, dir: string): Promise<ExportModelResult>;
}
