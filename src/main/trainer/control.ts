/**
 * Pause, resume and stop for a run that lives in a tight loop. Commands arrive
 * as events, which a loop of synchronous training steps would never let
 * through, so the loop calls checkpoint() between batches: it yields to the
 * event loop every few milliseconds (a stop lands within one batch plus
 * ~10 ms), waits while paused, and says whether to stop.
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

export class RunControl {
  private stopRequested = false;
  private paused = false;
  private waiters: (() => void)[] = [];
  private lastYield = performance.now();
  private pausedSince = 0;
  /** Milliseconds spent paused so far; rates and ETAs leave them out. */
  pausedMs = 0;

  constructor(private readonly onState: (state: TrainerState) => void = () => {}) {}

  get stopping(): boolean {
    return this.stopRequested;
  }

  pause(): void {
    if (this.paused || this.stopRequested) return;
    this.paused = true;
    this.pausedSince = performance.now();
    this.onState('paused');
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.pausedMs += performance.now() - this.pausedSince;
    this.onState('running');
    this.release();
  }

  stop(): void {
    this.stopRequested = true;
    if (this.paused) {
      this.paused = false;
      this.pausedMs += performance.now() - this.pausedSince;
    }
    this.release();
  }

  /** Between batches. Resolves true when the run should stop. */
  async checkpoint(): Promise<boolean> {
    const now = performance.now();
    if (now - this.lastYield >= YIELD_EVERY_MS) {
      await yieldToEvents();
      this.lastYield = performance.now();
    }
    while (this.paused && !this.stopRequested) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.stopRequested;
  }

  private release(): void {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((w) => w());
  }
}
