/**
 * Pause, resume and stop for a run that lives in a tight loop. Commands arrive
 * as events, which a loop of synchronous training steps would never let
 * through, so the loop calls checkpoint() between batches: it yields to the
 * event loop every few milliseconds and at the start of every epoch (a stop
 * lands within one batch plus ~10 ms, and never later than the next epoch),
 * waits while paused, and says whether to stop.
 *
 * A stop is reported at once ("stopping") and the run ends at the next
 * checkpoint; a batch is not interrupted, however long it takes, so the
 * weights the trainer then saves are those after a whole batch.
 *
 * Pausing only means something while batches run. A pause that arrives while
 * the data loads takes effect when training begins (the run goes straight to
 * "paused"); one that arrives after the last batch, while the run evaluates,
 * saves or has ended, is ignored, so no status follows the run's end.
 *
 * Watching a small network learn needs it slow: a run can be held to a number
 * of steps per second (checkpoint waits until the next batch is due, and the
 * wait ends early for any command), and a paused run can train one batch at
 * a time. Changes of the learning rate and L1/L2 rates go to the loop's
 * handler at once, between batches, so they apply from the next batch.
 */
import { MAX_STEPS_PER_SECOND, MIN_STEPS_PER_SECOND, type TrainerState, type Tuning } from '../../shared/protocol/trainer.ts';

const YIELD_EVERY_MS = 10;

/**
 * One trip through the event loop, so queued commands get in. Node has
 * setImmediate; the GPU page has not, and its setTimeout(0) is held back to
 * 4 ms once nested, so there a message to itself does it.
 */
function yieldToEvents(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Where the run is, as far as pausing goes. */
type Stage = 'preparing' | 'training' | 'finishing';

export class RunControl {
  private stage: Stage = 'preparing';
  private stopRequested = false;
  private paused = false;
  private waiters: (() => void)[] = [];
  private lastYield = -Infinity;
  private pausedSince = 0;
  /** Milliseconds spent paused so far; rates and ETAs leave them out. */
  pausedMs = 0;
  /** Milliseconds spent waiting for the next batch to be due (a held pace); compute rates leave them out. */
  throttledMs = 0;
  /** Held pace in steps per second; null: full speed. */
  private pace: number | null = null;
  /** A Step command let one batch through; the run pauses again at the next checkpoint. */
  private stepping = false;
  private lastStepAt = -Infinity;
  private tuner: ((tuning: Tuning) => void) | null = null;
  private pendingTuning: Tuning[] = [];

  private speedListener: (() => void) | null = null;
  /** The activation probe's handler (image models), and a pick that came before it was set. */
  private prober: ((sample: number) => void) | null = null;
  private pendingProbe: number | null = null;

  constructor(private readonly onState: (state: TrainerState) => void = () => {}) {}

  /** Steps per second the run is held to, or null at full speed. */
  get stepsPerSecond(): number | null {
    return this.pace;
  }

  /** True from a Step command until the run pauses after its batch. */
  get singleStep(): boolean {
    return this.stepping;
  }

  /** True while batches come one at a time or at a held pace: the loop then reports every batch as it ends. */
  get watched(): boolean {
    return this.pace !== null || this.stepping;
  }

  /** Holds the run to `stepsPerSecond` (clamped to the allowed range), or full speed for null; takes effect before the next batch. */
  setSpeed(stepsPerSecond: number | null): void {
    const pace = stepsPerSecond === null || !Number.isFinite(stepsPerSecond) ? null : Math.min(MAX_STEPS_PER_SECOND, Math.max(MIN_STEPS_PER_SECOND, stepsPerSecond));
    this.pace = pace;
    this.speedListener?.();
    this.release();
  }

  /** While paused in training: lets exactly one batch through, then pauses again. */
  step(): void {
    if (!this.paused || this.stepping || this.stopRequested || this.stage !== 'training') return;
    this.unpause();
    this.stepping = true;
    this.onState('running');
    this.release();
  }

  /** Hyperparameter changes: handed to the loop's handler now, or when training begins if it has not yet. */
  tune(tuning: Tuning): void {
    if (this.stage === 'finishing' || this.stopRequested) return;
    if (this.tuner) this.tuner(tuning);
    else this.pendingTuning.push(tuning);
  }

  /** The loop's handlers for tune() and setSpeed(); changes that came earlier are handed over at once. */
  onTune(handler: (tuning: Tuning) => void, onSpeed: () => void = () => {}): void {
    this.tuner = handler;
    this.speedListener = onSpeed;
    const pending = this.pendingTuning;
    this.pendingTuning = [];
    pending.forEach(handler);
  }

  /** Image models: which picture the activations show; handled at once while training, kept for later before it, ignored once training ended. */
  probe(sample: number): void {
    if (this.stage === 'finishing' || this.stopRequested) return;
    if (this.prober) this.prober(sample);
    else this.pendingProbe = sample;
  }

  /** The activation probe's handler for probe(); a pick that came earlier is handed over at once. */
  onProbe(handler: (sample: number) => void): void {
    this.prober = handler;
    const pending = this.pendingProbe;
    this.pendingProbe = null;
    if (pending !== null) handler(pending);
  }

  get stopping(): boolean {
    return this.stopRequested;
  }

  /** The first batch is next: reports "running", then "paused" at once if a pause came while loading. */
  beginTraining(): void {
    this.stage = 'training';
    if (this.stopRequested) return;
    this.onState('running');
    if (this.paused) {
      this.pausedSince = performance.now();
      this.onState('paused');
    }
  }

  /** The last batch is done: from here on pause and resume are ignored. */
  endTraining(): void {
    this.stage = 'finishing';
    if (this.paused) this.unpause();
  }

  pause(): void {
    if (this.paused || this.stopRequested || this.stage === 'finishing') return;
    this.paused = true;
    if (this.stage !== 'training') return;
    this.pausedSince = performance.now();
    this.onState('paused');
    // A run waiting for its next batch at a slow pace pauses now, not when that wait ends.
    this.release();
  }

  resume(): void {
    // A resume during a Step's batch: carry on running instead of pausing after it.
    if (this.stepping) this.stepping = false;
    if (!this.paused || this.stage === 'finishing') return;
    this.unpause();
    if (this.stage === 'training') this.onState('running');
    this.release();
  }

  stop(): void {
    if (this.stopRequested) return;
    this.stopRequested = true;
    if (this.paused) this.unpause();
    // After the last batch the run is evaluating or saving already and ends on its own.
    if (this.stage !== 'finishing') this.onState('stopping');
    this.release();
  }

  /**
   * Between batches. Resolves true when the run should stop. `epochStart`
   * forces a turn of the event loop, so that commands land at a known point
   * even when a whole epoch takes less than the yield interval. Before a
   * `validation` batch it neither holds the pace nor ends a Step (a Step
   * trains one training batch; the validation after it runs through).
   */
  async checkpoint(epochStart = false, batch: 'training' | 'validation' = 'training'): Promise<boolean> {
    const now = performance.now();
    if (epochStart || now - this.lastYield >= YIELD_EVERY_MS) {
      await yieldToEvents();
      this.lastYield = performance.now();
    }
    if (this.stepping && batch === 'training') {
      // The Step's batch is done: pause again (unless a pause or stop came meanwhile).
      this.stepping = false;
      if (!this.paused && !this.stopRequested && this.stage === 'training') {
        this.paused = true;
        this.pausedSince = performance.now();
        this.onState('paused');
      }
    }
    for (;;) {
      while (this.paused && !this.stopRequested) await this.wait();
      if (this.stopRequested) return true;
      // The pace counts training batches; validation runs at full speed between them.
      const due = this.stepping || this.pace === null || batch === 'validation' ? 0 : this.lastStepAt + 1000 / this.pace - performance.now();
      if (due <= 0) break;
      const since = performance.now();
      await this.wait(due);
      this.throttledMs += performance.now() - since;
    }
    if (batch === 'training') this.lastStepAt = performance.now();
    return false;
  }

  /** Until the next command (release), or `ms` at most. */
  private wait(ms?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
      if (ms !== undefined) {
        timer = setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== done);
          resolve();
        }, ms);
      }
    });
  }

  private unpause(): void {
    this.paused = false;
    if (this.stage === 'training') this.pausedMs += performance.now() - this.pausedSince;
  }

  private release(): void {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((w) => w());
  }
}
