/**
 * Messages between a training host and a trainer process. The trainer core
 * (src/main/trainer) speaks only these, over any transport that carries JSON:
 * a Node child process's IPC channel today, an Electron utilityProcess port or
 * a hidden renderer's MessagePort later. Everything here is plain JSON (no
 * typed arrays), so a message survives every transport unchanged.
 *
 * Counting convention: `epoch` and `batch` are 1-based ("epoch 3 of 10,
 * batch 17 of 100"), as people read them; `step` counts batches over the whole
 * run from 1.
 */
import type { CompileSpec } from '../compile/spec.ts';
import type { DatasetRef, TrainingSettings } from '../document/schema.ts';
import type { DatasetInfo } from './datasets.ts';
import type { ByteImage, LayerActivations, LayerSnapshot, SamplePrediction } from './pictures.ts';

export type { ByteImage, Histogram, KernelImages, LayerActivations, LayerSnapshot, MatrixPreview, SamplePrediction, WeightStats } from './pictures.ts';
export { PROBE_CANDIDATES, PROBE_MAPS, PROBE_UNITS, PROBE_MAP_SIDE, MAX_BIAS_VALUES } from './pictures.ts';

/** A concrete backend; the settings' "auto" resolves to one of these. */
export type BackendName = 'tensorflow-gpu' | 'webgpu' | 'tensorflow' | 'wasm' | 'cpu';

/** The order `auto` tries, fastest first. */
export const BACKEND_LADDER: readonly BackendName[] = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'];

/** Figures by name: "accuracy" and/or "mae", as chosen in the training settings. */
export type MetricValues = Readonly<Record<string, number>>;

/**
 * A dataset carried inside the start command: tests, and hosts that already
 * hold the arrays. Row-major like LoadedDataset, as plain number arrays.
 */
export interface InlineDataset {
  readonly kind: 'inline';
  readonly info: DatasetInfo;
  readonly xTrain: readonly number[];
  readonly yTrain: readonly number[];
  readonly xTest: readonly number[];
  readonly yTest: readonly number[];
}

export interface TrainOptions {
  /** Batches between weight snapshots; 0 turns snapshots off. Default 50. */
  readonly snapshotEvery?: number;
  /** Snapshots are also at least this far apart, in milliseconds. Default 1000. */
  readonly snapshotMinIntervalMs?: number;
  /** Send `boundary` events (two-input classification only: after the first batch, with each snapshot, at the end). Default true. */
  readonly boundary?: boolean;
  /** Ceiling on messages per second to the host (progress is coalesced to fit). Default 20. */
  readonly maxMessagesPerSecond?: number;
  /** How often losses are read back from the device, in milliseconds. Default 250. */
  readonly readIntervalMs?: number;
  /** Folder for model.json + weights.bin when the run ends; null or absent: do not save. */
  readonly saveDir?: string | null;
  /** Validate on a split of the training set (settings.validationSplit) or on the test set. Default "split". */
  readonly validation?: 'split' | 'test';
  /**
   * k-fold cross-validation (a search's trial): validate on part `index`
   * (from 0) of `of` near-equal parts of the shuffled training rows and train
   * on the rest, instead of the validation split. See shared/search/folds.ts.
   */
  readonly fold?: { readonly index: number; readonly of: number };
  /** How many test samples the evaluation shows with their predictions (classification: mistakes first). Default 24. */
  readonly samplePredictions?: number;
  /** Image models: send each layer's `activations` for a picked picture with the snapshots. Default true. */
  readonly activations?: boolean;
  /** Steps per second to hold from the first batch (a watchable pace; see the `speed` command); null or absent: full speed. */
  readonly stepsPerSecond?: number | null;
}

/** The slowest and fastest paces a run can be held to, in steps per second (null is full speed). */
export const MIN_STEPS_PER_SECOND = 0.1;
export const MAX_STEPS_PER_SECOND = 1000;

/** The hyperparameters a run can change while it goes: the base learning rate (the schedule scales it) and a run-wide L1/L2 penalty on every kernel. */
export type TunableName = 'learningRate' | 'l1' | 'l2';

/** New values for some of them; absent fields stay as they are. */
export type Tuning = Partial<Readonly<Record<TunableName, number>>>;

/**
 * Host → trainer. The `exit` event is the last message a trainer sends: a
 * command that arrives after it (a pause, resume or stop that crossed the
 * exit in flight) is ignored and answered with nothing. `pause` takes effect
 * between batches; one sent while the data loads pauses the run as soon as
 * training begins, and one sent after the last batch (while the run
 * evaluates or saves) is ignored.
 */
export type TrainerCommand =
  | {
      readonly type: 'start';
      readonly spec: CompileSpec;
      /** Usually spec.training, possibly with overrides (the CLI's --epochs, --backend). */
      readonly settings: TrainingSettings;
      readonly dataset: DatasetRef | InlineDataset;
      /** Folder that relative dataset paths (CSV, IDX, image folders) are resolved against: the project's folder. */
      readonly baseDir: string;
      readonly options?: TrainOptions;
    }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  /**
   * Holds the run to `stepsPerSecond` batches a second (MIN_STEPS_PER_SECOND …
   * MAX_STEPS_PER_SECOND), or lets it run at full speed (null), from the next
   * batch on; answered by a `tuning` event.
   */
  | { readonly type: 'speed'; readonly stepsPerSecond: number | null }
  /** While paused: trains exactly one batch (reported as "running", then "paused" again). Ignored otherwise. */
  | { readonly type: 'step' }
  /**
   * Changes the learning rate or the L1/L2 rates from the next batch on, paused
   * or running; each change is answered by a `change` event and a `tuning` event.
   */
  | { readonly type: 'tune'; readonly tuning: Tuning }
  /**
   * Image models: which of the probe's candidate pictures (0 … candidates − 1,
   * see ActivationsEvent) the `activations` events show; answered by one at
   * once while batches run or wait, then with every snapshot.
   */
  | { readonly type: 'probe'; readonly sample: number }
  /**
   * Ends the run after the batch in progress, however long that batch takes:
   * the trainer reports "stopping" as soon as it reads the command, saves (if
   * asked to) and exits with reason "stopped". A batch is one synchronous
   * computation on the CPU backends, so the command is read when it ends;
   * until then the process's pulse (PULSE_PREFIX) shows it is computing.
   */
  | { readonly type: 'stop' }
  /**
   * Makes the trainer process fail for real, so that crash handling can be
   * tested and demonstrated: exit(3), kill itself with SIGKILL (what the
   * kernel's out-of-memory killer does), throw an uncaught error, or block its
   * event loop forever (a hung native call: in a trainer process it waits
   * without using the CPU, like a deadlock; the GPU page can only spin).
   */
  | { readonly type: 'crash'; readonly mode: 'exit' | 'signal' | 'throw' | 'hang' };

export type TrainerCommandType = TrainerCommand['type'];

export interface SkippedBackend {
  readonly backend: BackendName;
  /** Why this rung was passed over, e.g. "not installed: @tensorflow/tfjs-node-gpu". */
  readonly reason: string;
}

export interface EpochRecord {
  readonly epoch: number;
  readonly loss: number;
  readonly metrics: MetricValues;
  /** Present when the run validates (a validation split or the test set). */
  readonly valLoss?: number;
  readonly valMetrics?: MetricValues;
  readonly learningRate: number;
  /** Wall time of the epoch including validation, seconds. */
  readonly seconds: number;
}

/** One point of the batch-level chart: the mean over the batches since the previous point. */
export interface BatchPoint {
  readonly step: number;
  readonly epoch: number;
  readonly batch: number;
  readonly loss: number;
  readonly metrics: MetricValues;
}

/**
 * nan: the loss became NaN for a reason other than overflow; overflow: values
 * went past float32's range (the loss or the sums became infinite);
 * exploding: the loss grew by orders of magnitude; diverging: it rose over
 * several epochs; vanishing, dead-relu: a layer stopped learning (warnings).
 */
export type AlertKind = 'nan' | 'overflow' | 'exploding' | 'diverging' | 'vanishing' | 'dead-relu';

export type ExitReason = 'completed' | 'stopped' | 'early-stopped' | 'failed' | 'crashed';

/** `stopping`: a stop was read; the trainer ends after the batch in progress and then saves. */
export type TrainerState = 'loading' | 'running' | 'paused' | 'stopping' | 'evaluating' | 'saving';

/** Where in the run a set of weights comes from: the weights after `step` (epoch `epoch`, batch `batch` of `batchesPerEpoch`); step 0 is the initial weights. */
export interface WeightsPosition {
  readonly step: number;
  readonly epoch: number;
  readonly batch: number;
  readonly batchesPerEpoch: number;
}

/** How often the trainer core sends a `heartbeat` while its event loop turns. */
export const HEARTBEAT_MS = 500;

/**
 * A trainer in a Node process of its own also has a thread that writes one
 * line to stderr every PULSE_MS, whatever the main thread is doing:
 * PULSE_PREFIX, then the process's CPU time in microseconds, then a newline.
 * A batch on the CPU backends blocks the main thread (no heartbeat, no
 * command read) for as long as it computes; the pulse's CPU time keeps
 * growing then, and stands still in a process that is suspended (no pulse at
 * all) or deadlocked. The same thread ends the process when its parent goes.
 */
export const PULSE_PREFIX = '\u0001netwright-pulse ';
export const PULSE_MS = 500;

/** Trainer → host. */
export type TrainerEvent =
  | {
      readonly type: 'ready';
      readonly backend: BackendName;
      /** What the backend runs on, e.g. "NVIDIA H100 (Vulkan)" or "CPU, 16 threads (TensorFlow)". */
      readonly device: string;
      /** Rungs of the ladder tried before this one, and why they were not used. */
      readonly skipped: readonly SkippedBackend[];
      readonly tfVersion: string;
      readonly dataset: DatasetInfo;
      readonly trainSamples: number;
      readonly valSamples: number;
      readonly batchesPerEpoch: number;
      readonly epochs: number;
      readonly params: number;
    }
  | { readonly type: 'status'; readonly state: TrainerState }
  /** Sent every HEARTBEAT_MS while the trainer's event loop turns; the host uses it to tell a live trainer from a frozen one and does not forward it. */
  | { readonly type: 'heartbeat' }
  | {
      readonly type: 'progress';
      readonly epoch: number;
      readonly epochs: number;
      readonly batch: number;
      readonly batchesPerEpoch: number;
      readonly step: number;
      readonly totalSteps: number;
      readonly samplesPerSec: number;
      /** Seconds left at the current pace; null until the pace is known. */
      readonly etaSeconds: number | null;
      readonly elapsedSeconds: number;
    }
  /** Throttled: several points per message when batches are fast. */
  | { readonly type: 'batchMetrics'; readonly points: readonly BatchPoint[] }
  /** Usually one epoch; several when epochs finish faster than messages may be sent. */
  | { readonly type: 'epochMetrics'; readonly epochs: readonly EpochRecord[] }
  | { readonly type: 'snapshot'; readonly step: number; readonly epoch: number; readonly batch: number; readonly layers: readonly LayerSnapshot[] }
  | {
      readonly type: 'evaluation';
      readonly split: 'test';
      readonly samples: number;
      readonly loss: number;
      readonly metrics: MetricValues;
      /** Classification: confusion[trueClass][predictedClass] counts. */
      readonly confusion?: readonly (readonly number[])[];
      readonly classNames?: readonly string[];
      /** Classification: correct / total per true class (NaN-free: 0 for a class with no samples). */
      readonly perClassAccuracy?: readonly number[];
      readonly predictions: readonly SamplePrediction[];
    }
  | {
      readonly type: 'alert';
      readonly kind: AlertKind;
      /** The layer concerned (vanishing, dead-relu), by name for the message and by node for the badge. */
      readonly layer?: string;
      readonly nodeId?: string;
      readonly epoch: number;
      readonly batch: number;
      /** What happened and what to try. */
      readonly message: string;
      /** True when the alert ended the run (nan, overflow, exploding, diverging). */
      readonly fatal: boolean;
    }
  /**
   * Two-input classification only (generated 2-D sets, with or without derived
   * features): the model evaluated on a grid over the data's range, as in
   * TensorFlow Playground. Sent with the snapshots, and once more at the end.
   */
  | {
      readonly type: 'boundary';
      readonly step: number;
      readonly epoch: number;
      /** The plane shown, in the units of the raw inputs x1 (across) and x2 (up). */
      readonly xMin: number;
      readonly xMax: number;
      readonly yMin: number;
      readonly yMax: number;
      /** Cells per side of `output` (e.g. 48). Row 0 is the top (yMax), column 0 the left (xMin). */
      readonly size: number;
      readonly numClasses: number;
      /** size × size values, row-major. Two classes: the probability of class 1 (0…1). More classes: the probability of the predicted class. */
      readonly output: readonly number[];
      /** More than two classes only: the predicted class of each cell (size × size). */
      readonly predicted?: readonly number[];
      /** Hidden Dense units' outputs on a coarser grid (unitSize × unitSize each), first 8 units per layer, at most 4 layers. */
      readonly unitSize: number;
      readonly units: readonly { readonly layer: string; readonly nodeId: string; readonly unit: number; readonly min: number; readonly max: number; readonly values: readonly number[] }[];
    }
  /**
   * Image models: every layer's output for one picture (the `probe` command
   * picks it), with the snapshots, at the end and when another is picked.
   */
  | {
      readonly type: 'activations';
      /** The weights' step (0: before the first batch). */
      readonly step: number;
      readonly epoch: number;
      /** Which candidate was probed. */
      readonly sample: number;
      /** First event only: the pictures one can pick from (the first test pictures, else training ones) and their labels. */
      readonly candidates?: readonly (ByteImage & { readonly label: number })[];
      readonly layers: readonly LayerActivations[];
    }
  /** The live settings: when training begins at a held pace, and after every `speed` or `tune` command. Until the first, a run goes at full speed with the settings' learning rate and no L1/L2. */
  | { readonly type: 'tuning'; readonly stepsPerSecond: number | null; readonly learningRate: number; readonly l1: number; readonly l2: number }
  /** A hyperparameter changed while the run went: `step` is the first batch trained with the new value. */
  | { readonly type: 'change'; readonly step: number; readonly what: TunableName; readonly from: number; readonly to: number }
  | { readonly type: 'log'; readonly level: 'info' | 'warn'; readonly message: string }
  | { readonly type: 'error'; readonly message: string; readonly detail?: string }
  | {
      readonly type: 'savedModel';
      readonly dir: string;
      readonly files: readonly string[];
      readonly bytes: number;
      /** Which weights were saved: after which batch (a stopped run), epoch (early stopping's best) or the end. Absent in records older than this field. */
      readonly weights?: WeightsPosition;
    }
  | {
      readonly type: 'exit';
      readonly reason: ExitReason;
      /** One readable sentence, e.g. "Completed 10 epochs in 42 s." or "The trainer crashed: killed by SIGKILL …". */
      readonly message: string;
      readonly epochsCompleted: number;
    };

export type TrainerEventType = TrainerEvent['type'];
export type ExitEvent = Extract<TrainerEvent, { type: 'exit' }>;

/** True for a value that has the shape of a trainer event (transports deliver `unknown`). */
export function isTrainerEvent(value: unknown): value is TrainerEvent {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function isTrainerCommand(value: unknown): value is TrainerCommand {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
