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
 */
import type { TrainerState } from '../../shared/protocol/trainer.ts';

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

  constructor(private readonly onState: (state: TrainerState) => void = () => {}) {}

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
  }

  resume(): void {
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
   * even when a whole epoch takes less than the yield interval.
   */
  async checkpoint(epochStart = false): Promise<boolean> {
    const now = performance.now();
    if (epochStart || now - this.lastYield >= YIELD_EVERY_MS) {
      await yieldToEvents();
      this.lastYield = performance.now();
    }
    while (this.paused && !this.stopRequested) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.stopRequested;
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
