/**
 * The epoch loop: batches, windows of metrics read a few times a second,
 * progress, snapshots, validation, early stopping, and the checks that stop a
 * diverging run. Every tensor a batch makes is released inside the step or
 * when its window is read, so the tensor count is the same after every epoch.
 */
import type * as TF from '@tensorflow/tfjs';
import type { TrainingSettings } from '../../shared/document/schema.ts';
import type { BatchPoint, EpochRecord, ExitReason, TrainerEvent, WeightsPosition } from '../../shared/protocol/trainer.ts';
import type { Tf } from './backends/types.ts';
import type { BoundaryProbe } from './boundary.ts';
import type { RunControl } from './control.ts';
import { EpochBatches, type DeviceData } from './data.ts';
import type { EarlyStopper } from './early-stopping.ts';
import { evalBatchSize, score } from './evaluate.ts';
import type { HealthMonitor } from './monitor.ts';
import type { Objective } from './objective.ts';
import type { SeededRandom } from './seed.ts';
import type { Snapshotter } from './snapshots.ts';
import type { Stepper } from './step.ts';
import type { LiveTuning } from './tuning.ts';
import { MetricWindow, type StepValues } from './window.ts';

export interface LoopContext {
  readonly tf: Tf;
  readonly model: TF.LayersModel;
  readonly settings: TrainingSettings;
  readonly objective: Objective;
  readonly optimizer: TF.Optimizer;
  readonly stepper: Stepper;
  readonly data: DeviceData;
  readonly random: SeededRandom;
  readonly control: RunControl;
  readonly monitor: HealthMonitor;
  readonly snapshots: Snapshotter | null;
  /** Two-input classification only: decision-boundary pictures, sent with the snapshots. */
  readonly boundary: BoundaryProbe | null;
  readonly early: EarlyStopper | null;
  readonly post: (event: TrainerEvent) => void;
  readonly readIntervalMs: number;
  readonly snapshotEvery: number;
  readonly snapshotMinIntervalMs: number;
  /** The learning rate and L1/L2 rates, changeable while the run goes. */
  readonly tuning: LiveTuning;
}

/** At a held pace, snapshots (and boundary pictures) come about this often per second, every batch at up to this many steps per second. */
export const WATCHED_SNAPSHOTS_PER_SECOND = 4;
/** At full speed, a short run still gets about this many snapshots: the stride and the minimum time between them shrink to fit. */
const SHORT_RUN_SNAPSHOTS = 40;

/**
 * Batches between snapshots. A held pace follows the steps (every batch when
 * slow, every few when faster); full speed uses the configured stride, or a
 * shorter one that gives a short run about SHORT_RUN_SNAPSHOTS.
 */
export function snapshotStride(stepsPerSecond: number | null, snapshotEvery: number, totalSteps: number): number {
  if (stepsPerSecond === null) return Math.max(1, Math.min(snapshotEvery, Math.ceil(totalSteps / SHORT_RUN_SNAPSHOTS)));
  return Math.max(1, Math.ceil(stepsPerSecond / WATCHED_SNAPSHOTS_PER_SECOND));
}

export interface LoopOutcome {
  readonly reason: Exclude<ExitReason, 'crashed'>;
  readonly message: string;
  readonly epochsCompleted: number;
  /** Batches trained, over all epochs. */
  readonly steps: number;
  /** The weights the model holds now: after the last batch, or those of the best epoch that early stopping restored. */
  readonly weights: WeightsPosition;
}

/** Where step `step` falls: step 0 is the initial weights (epoch 0, batch 0). */
export function positionOf(step: number, batchesPerEpoch: number): WeightsPosition {
  if (step <= 0) return { step: 0, epoch: 0, batch: 0, batchesPerEpoch };
  return { step, epoch: Math.ceil(step / batchesPerEpoch), batch: ((step - 1) % batchesPerEpoch) + 1, batchesPerEpoch };
}

/** The exit message of a stopped run, which says where it stopped and, once saved, which weights the model holds. */
export function stopMessage(at: WeightsPosition, saved: boolean): string {
  if (at.step === 0) return `Stopped before the first batch${saved ? '; saved the model as initialized' : ''}.`;
  return `Stopped after epoch ${at.epoch}, batch ${at.batch} of ${at.batchesPerEpoch} (step ${at.step})${saved ? '; saved the model with the weights of that step' : ''}.`;
}

const now = () => performance.now();

function meanOf(rows: readonly StepValues[], metricNames: readonly string[]): { loss: number; metrics: Record<string, number> } {
  let n = 0;
  let loss = 0;
  const sums = new Array<number>(metricNames.length).fill(0);
  for (const r of rows) {
    n += r.n;
    loss += r.loss * r.n;
    r.metrics.forEach((m, i) => (sums[i] += m * r.n));
  }
  return { loss: loss / n, metrics: Object.fromEntries(metricNames.map((name, i) => [name, sums[i] / n])) };
}

export async function trainLoop(c: LoopContext): Promise<LoopOutcome> {
  const { tf, settings, control, post } = c;
  const names = c.objective.metrics.map((m) => m.name);
  const batchSize = settings.batchSize;
  const batchesPerEpoch = Math.ceil(c.data.train.n / batchSize);
  const totalSteps = batchesPerEpoch * settings.epochs;
  const totalSamples = c.data.train.n * settings.epochs;
  const window = new MetricWindow(tf, names.length);
  const started = now();
  let step = 0;
  let samplesDone = 0;
  let lastRead = now();
  let pausedAtLastRead = control.pausedMs;
  let lastSnapshot = -Infinity;
  let lastRate = 0;
  let lastLoss = NaN;
  let epochsCompleted = 0;
  let epochRows: StepValues[] = [];

  const active = () => now() - started - control.pausedMs;
  /** Training time without the waits of a held pace: what the hardware takes per sample. */
  const computing = () => Math.max(1e-3, active() - control.throttledMs);
  const here = () => positionOf(step, batchesPerEpoch);

  /** Reads the window: checks for divergence, reports progress and a chart point. Returns an outcome when the run must end. */
  const readWindow = async (): Promise<LoopOutcome | null> => {
    const rows = await window.read();
    if (!rows.length) return null;
    epochRows = epochRows.concat(rows);
    const alert = await c.monitor.checkLosses(rows);
    if (alert) {
      post(alert);
      return { reason: 'failed', message: alert.message, epochsCompleted, steps: step, weights: here() };
    }
    const t = now();
    const seconds = Math.max(1e-6, (t - lastRead - (control.pausedMs - pausedAtLastRead)) / 1000);
    const samples = rows.reduce((a, r) => a + r.n, 0);
    // One batch trained by a Step says nothing about the pace: the figure stays as it was.
    if (!control.singleStep) lastRate = Math.round(samples / seconds);
    samplesDone += samples;
    lastRead = t;
    pausedAtLastRead = control.pausedMs;
    const last = rows[rows.length - 1];
    const mean = meanOf(rows, names);
    lastLoss = mean.loss;
    const overall = samplesDone / (computing() / 1000);
    const stepsLeft = totalSteps - last.step;
    const pace = control.stepsPerSecond;
    // At a held pace the batches come no faster than the pace, nor than the hardware trains them.
    const eta = overall > 0 ? Math.max((totalSamples - samplesDone) / overall, pace !== null ? stepsLeft / pace : 0) : null;
    post({
      type: 'progress',
      epoch: last.epoch,
      epochs: settings.epochs,
      batch: last.batch,
      batchesPerEpoch,
      step: last.step,
      totalSteps,
      samplesPerSec: lastRate,
      etaSeconds: eta === null ? null : Math.round(eta),
      elapsedSeconds: Math.round(active() / 100) / 10,
    });
    const point: BatchPoint = { step: last.step, epoch: last.epoch, batch: last.batch, loss: mean.loss, metrics: mean.metrics };
    post({ type: 'batchMetrics', points: [point] });
    return null;
  };

  const snapshot = async (gradNorms: TF.Tensor1D | undefined, epoch: number, batch: number): Promise<void> => {
    if (!c.snapshots) return;
    const layers = await c.snapshots.take(gradNorms);
    lastSnapshot = now();
    post({ type: 'snapshot', step, epoch, batch, layers });
    for (const alert of c.monitor.checkSnapshot(layers, { epoch, batch }, lastLoss)) post(alert);
  };

  const stopped = (): LoopOutcome => {
    const at = here();
    return { reason: 'stopped', message: stopMessage(at, false), epochsCompleted, steps: step, weights: at };
  };

  const reportTuning = () => post({ type: 'tuning', stepsPerSecond: control.stepsPerSecond, learningRate: c.tuning.learningRate, l1: c.tuning.l1, l2: c.tuning.l2 });
  // Changes land between batches (commands are read at checkpoints), so the next batch is the first with the new values.
  control.onTune((tuning) => {
    const { changes, refused } = c.tuning.apply(tuning, step + 1);
    for (const message of refused) post({ type: 'log', level: 'warn', message });
    changes.forEach(post);
    reportTuning();
  }, reportTuning);
  // A run at full speed with the settings' rates says nothing until something changes (RunState reads no `tuning` as that).
  if (control.stepsPerSecond !== null) reportTuning();

  try {
    for (let e = 0; e < settings.epochs; e++) {
      const epoch = e + 1;
      const epochStart = now();
      const pausedAtStart = control.pausedMs;
      c.tuning.beginEpoch(e);
      epochRows = [];
      const batches = new EpochBatches(tf, c.data.train, batchSize, c.random, c.data.gatherBatches);
      try {
        for (let b = 0; b < batches.count; b++) {
          if (await control.checkpoint(b === 0)) return stopped();
          step++;
          const stride = snapshotStride(control.stepsPerSecond, c.snapshotEvery, totalSteps);
          // At full speed snapshots keep a minimum gap (they read the device), shorter for a short run so it still shows its history.
          const gap = control.stepsPerSecond === null ? Math.min(c.snapshotMinIntervalMs, ((active() / Math.max(1, step - 1)) * totalSteps) / SHORT_RUN_SNAPSHOTS) : 0;
          const snap = !!c.snapshots && c.snapshotEvery > 0 && (step === 1 || step % stride === 0) && now() - lastSnapshot >= gap;
          const result = c.stepper.run(() => batches.get(b), snap);
          window.push(result, { step, epoch, batch: b + 1, n: batches.sizeOf(b) });
          if (snap) {
            await snapshot(result.gradNorms, epoch, b + 1);
            result.gradNorms?.dispose();
          }
          // The first batch too, whether or not snapshots are on, so the picture appears at once.
          if (c.boundary && (snap || step === 1)) post(await c.boundary.take(step, epoch));
          // Watched (a held pace or a Step), every batch is reported as it ends.
          if (b === batches.count - 1 || control.watched || now() - lastRead >= c.readIntervalMs) {
            const outcome = await readWindow();
            if (outcome) return outcome;
          }
        }
      } finally {
        batches.dispose();
      }

      const train = meanOf(epochRows, names);
      let val = null;
      if (c.data.val) {
        val = await score(tf, c.model, c.objective, c.data.val, c.data.rows, evalBatchSize(batchSize), () => control.checkpoint(false, 'validation'));
        if (!val) return stopped();
      }
      const record: EpochRecord = {
        epoch,
        loss: train.loss,
        metrics: train.metrics,
        ...(val ? { valLoss: val.loss, valMetrics: val.metrics } : {}),
        learningRate: c.tuning.rate,
        seconds: Math.round(now() - epochStart - (control.pausedMs - pausedAtStart)) / 1000,
      };
      epochsCompleted = epoch;
      post({ type: 'epochMetrics', epochs: [record] });
      const rising = c.monitor.checkEpoch(record, batchesPerEpoch);
      if (rising) {
        post(rising);
        return { reason: 'failed', message: rising.message, epochsCompleted, steps: step, weights: here() };
      }
      if (c.early?.update(record, c.model)) {
        const restored = c.early.restore(c.model, epoch);
        const config = settings.earlyStopping!;
        const kept = restored ? `; kept the weights of epoch ${restored}, the best` : '';
        const weights = restored ? positionOf(restored * batchesPerEpoch, batchesPerEpoch) : here();
        return { reason: 'early-stopped', message: `Stopped early after epoch ${epoch}: ${c.early.monitor} had not improved for ${Math.max(1, config.patience)} epoch(s)${kept}.`, epochsCompleted, steps: step, weights };
      }
    }
    const restored = c.early?.restore(c.model, settings.epochs);
    const secs = Math.round(active() / 100) / 10;
    const weights = restored ? positionOf(restored * batchesPerEpoch, batchesPerEpoch) : here();
    return { reason: 'completed', message: `Completed ${settings.epochs} epoch(s) in ${secs} s${restored ? `; kept the weights of epoch ${restored}, the best` : ''}.`, epochsCompleted, steps: step, weights };
  } finally {
    window.dispose();
  }
}

function lastPosition(c: LoopContext, outcome: LoopOutcome): { step: number; epoch: number; batch: number } {
  const { step, epoch, batch } = positionOf(outcome.steps, Math.ceil(c.data.train.n / c.settings.batchSize));
  return { step, epoch, batch };
}

/** A snapshot of the final weights, outside the batch loop. */
export async function finalSnapshot(c: LoopContext, outcome: LoopOutcome): Promise<void> {
  if (!c.snapshots || !outcome.steps) return;
  const layers = await c.snapshots.take(undefined);
  c.post({ type: 'snapshot', ...lastPosition(c, outcome), layers });
}

/** The boundary of the final weights (after early stopping restored the best ones), so the last picture is the model that was kept. */
export async function finalBoundary(c: LoopContext, outcome: LoopOutcome): Promise<void> {
  if (!c.boundary || !outcome.steps) return;
  const { step, epoch } = lastPosition(c, outcome);
  c.post(await c.boundary.take(step, epoch));
}
