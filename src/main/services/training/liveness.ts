/**
 * Tells a trainer that is working from one that has stopped answering. Two
 * signs of life count:
 * - any message from the trainer: its core sends a heartbeat every
 *   HEARTBEAT_MS while its event loop turns (training between batches,
 *   paused, loading, saving);
 * - its process's pulse (PULSE_PREFIX lines on stderr, from a thread of its
 *   own) showing CPU time spent since the previous pulse: a long batch blocks
 *   the event loop, and keeps the CPU busy.
 * A trainer with neither for `timeoutMs` is frozen: suspended (SIGSTOP, no
 * pulse at all) or deadlocked (pulses, but no CPU time). Nothing is judged
 * before the first sign, so a launcher whose trainer never beats (a test
 * stand-in) is left to the other safeguards.
 */
import { PULSE_MS, PULSE_PREFIX } from '../../../shared/protocol/trainer.ts';

/** CPU time over wall time between two pulses above which the process counts as computing (a deadlocked one spends well under 0.1 %). */
const BUSY_SHARE = 0.02;
const CHECK_MS = PULSE_MS;

/** Takes the pulse lines out of a trainer's output stream; the rest is its real output. */
export class PulseReader {
  private partial = '';

  /** The chunk's output without pulses (complete lines only; a partial line waits for the next chunk), and the CPU times (µs) its pulses carried. */
  read(chunk: string): { readonly text: string; readonly cpu: readonly number[] } {
    const all = this.partial + chunk;
    const end = all.lastIndexOf('\n') + 1;
    this.partial = all.slice(end);
    const cpu: number[] = [];
    // A pulse is written in one write(2) of a few bytes, so it arrives whole, though it may land inside a long line of other output.
    const text = all.slice(0, end).split(PULSE_PREFIX).map((piece, i) => {
      if (i === 0) return piece;
      const nl = piece.indexOf('\n');
      const value = Number(piece.slice(0, nl));
      if (Number.isFinite(value)) cpu.push(value);
      return piece.slice(nl + 1);
    });
    return { text: text.join(''), cpu };
  }

  /** Output left without a final newline (the process has ended). */
  flush(): string {
    const rest = this.partial;
    this.partial = '';
    return rest.startsWith(PULSE_PREFIX) ? '' : rest;
  }
}

export class Liveness {
  private lastSign: number | null = null;
  private lastPulse: { at: number; cpu: number } | null = null;
  private lastCheck: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private fired = false;

  constructor(
    readonly timeoutMs: number,
    private readonly onFrozen: (silentMs: number) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastCheck = this.now();
  }

  /** True once the trainer has given a first sign of life: from then on silence counts. */
  get armed(): boolean {
    return this.lastSign !== null;
  }

  /** A message from the trainer arrived. */
  message(): void {
    this.lastSign = this.now();
  }

  /** A pulse arrived with the process's CPU time so far, in microseconds. */
  pulse(cpuMicros: number): void {
    const t = this.now();
    const before = this.lastPulse;
    this.lastPulse = { at: t, cpu: cpuMicros };
    if (!before) this.lastSign ??= t;
    else if ((cpuMicros - before.cpu) / 1000 >= BUSY_SHARE * (t - before.at)) this.lastSign = t;
  }

  start(): void {
    this.timer ??= setInterval(() => this.check(), CHECK_MS);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Calls onFrozen (once) when the trainer has been silent for longer than the timeout. */
  check(): void {
    const t = this.now();
    // This process was busy itself: the trainer's messages may be waiting unread, so its silence proves nothing yet.
    if (t - this.lastCheck > 3 * CHECK_MS && this.lastSign !== null) this.lastSign = Math.max(this.lastSign, t - CHECK_MS);
    this.lastCheck = t;
    if (!this.fired && this.lastSign !== null && t - this.lastSign > this.timeoutMs) {
      this.fired = true;
      this.stop();
      this.onFrozen(t - this.lastSign);
    }
  }
}
