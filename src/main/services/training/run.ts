/**
 * One training run in its own process. The run forwards the trainer's
 * events, and guarantees exactly one exit event however the process ends:
 * the trainer's own, or one made here for a crash, a kill, or a trainer
 * that stopped answering (liveness.ts). A stop waits for the batch in
 * progress however long it takes, as long as the trainer shows it is alive;
 * only a frozen trainer is ended. The host process is never at risk:
 * everything the child does reaches it as a message or an exit status.
 */
import type { ExitEvent, TrainerCommand, TrainerEvent, Tuning } from '../../../shared/protocol/trainer.ts';
import { isTrainerEvent } from '../../../shared/protocol/trainer.ts';
import { applyEvent, emptyRunState, isEnded, type RunPhase, type RunState } from '../../../shared/run/index.ts';
import { describeExit } from './exit-description.ts';
import { Liveness, PulseReader } from './liveness.ts';
import type { TrainerProcess } from './process.ts';

const STDERR_KEEP = 8192;
const STDERR_FORWARD_LINES = 20;
/** After the exit event, how long the process may take to end before it is made to. */
const EXIT_GRACE_MS = 2000;

export interface RunTimeouts {
  /** A trainer silent this long (no message, and no CPU time in its pulse) is frozen, and ended. */
  readonly heartbeatTimeoutMs: number;
  /** How long a stop waits for a trainer that has never given a sign of life before ending it. */
  readonly stopGraceMs: number;
}

export class TrainingRun {
  readonly done: Promise<ExitEvent>;
  private resolveDone!: (e: ExitEvent) => void;
  private readonly listeners = new Set<(e: TrainerEvent) => void>();
  private stderr = '';
  private forwardedLines = 0;
  private exitEvent: ExitEvent | null = null;
  private stopRequested = false;
  private killTimer: ReturnType<typeof setTimeout> | null = null;
  private exitTimer: ReturnType<typeof setTimeout> | null = null;
  private current: RunState = emptyRunState();
  private readonly liveness: Liveness;
  private readonly pulses = new PulseReader();
  /** Why the run was ended from here: the trainer stopped answering. */
  private frozen: string | null = null;

  constructor(
    readonly id: string,
    private readonly child: TrainerProcess,
    private readonly timeouts: RunTimeouts,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.liveness = new Liveness(child.heartbeatTimeoutMs ?? timeouts.heartbeatTimeoutMs, (silentMs) => this.endFrozen(silentMs));
    this.liveness.start();
    child.onMessage((m: unknown) => {
      this.liveness.message();
      if (isTrainerEvent(m)) this.receive(m);
    });
    child.onOutput((chunk) => {
      const { text, cpu } = this.pulses.read(chunk);
      for (const c of cpu) this.liveness.pulse(c);
      if (text) this.onStderr(text);
    });
    child.onExit((code, signal, why) => this.finish(code, signal, why));
  }

  /** The trainer's process id (a renderer's for the GPU page), once known. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get phase(): RunPhase {
    return this.current.phase;
  }

  /** The run so far, folded from its events (shared/run): what the host records and a late-attaching UI draws. */
  get state(): RunState {
    return this.current;
  }

  /** Subscribes to the trainer's events; returns the unsubscribe function. */
  onEvent(listener: (event: TrainerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pause(): void {
    this.command({ type: 'pause' });
  }

  resume(): void {
    this.command({ type: 'resume' });
  }

  /** Steps per second to hold from the next batch; null: full speed. */
  setSpeed(stepsPerSecond: number | null): void {
    if (!isEnded(this.current.phase)) this.command({ type: 'speed', stepsPerSecond });
  }

  /** While paused: trains one batch and pauses again. */
  step(): void {
    if (!isEnded(this.current.phase)) this.command({ type: 'step' });
  }

  /** Changes the learning rate or L1/L2 rates from the next batch on. */
  tune(tuning: Tuning): void {
    if (!isEnded(this.current.phase)) this.command({ type: 'tune', tuning });
  }

  /** Image models: which candidate picture the activations show. */
  probe(sample: number): void {
    if (!isEnded(this.current.phase)) this.command({ type: 'probe', sample });
  }

  /**
   * Asks the trainer to stop after the batch in progress, however long it
   * takes; it then saves and exits. The process is ended only if it stops
   * answering (no heartbeat and no CPU time for the heartbeat timeout), or,
   * for a trainer that never gave a sign of life, after the stop grace.
   */
  stop(): Promise<ExitEvent> {
    if (isEnded(this.current.phase)) return this.done;
    this.stopRequested = true;
    this.command({ type: 'stop' });
    this.killTimer ??= setTimeout(() => {
      if (!this.liveness.armed) this.child.kill();
    }, this.timeouts.stopGraceMs);
    return this.done;
  }

  /** Ends the process at once, without waiting for a save. */
  kill(): Promise<ExitEvent> {
    this.stopRequested = true;
    this.child.kill();
    return this.done;
  }

  /** Test hook: makes the trainer process fail for real (see the `crash` command). */
  crash(mode: Extract<TrainerCommand, { type: 'crash' }>['mode']): void {
    this.command({ type: 'crash', mode });
  }

  /** Sends the start command; the host calls this once, right after forking. */
  start(command: Extract<TrainerCommand, { type: 'start' }>): void {
    this.command(command);
  }

  private command(c: TrainerCommand): void {
    this.child.send(c);
  }

  private endFrozen(silentMs: number): void {
    if (this.exitEvent || isEnded(this.current.phase)) return;
    this.frozen = `the trainer stopped responding: no heartbeat and no computing for ${Math.round(silentMs / 100) / 10} s (its process may be suspended, e.g. by SIGSTOP, or deadlocked), so it was ended`;
    this.child.kill();
  }

  private receive(e: TrainerEvent): void {
    // Heartbeats only say the trainer lives (counted above); listeners and the record have no use for them.
    if (this.exitEvent || e.type === 'heartbeat') return;
    if (e.type === 'exit') {
      this.exitEvent = e;
      this.exitTimer = setTimeout(() => this.child.kill(), EXIT_GRACE_MS);
      this.exitTimer.unref();
      // Delivered when the process has ended, so listeners never see a run "exited" while it still runs.
      return;
    }
    this.current = applyEvent(this.current, e);
    this.emit(e);
  }

  private emit(e: TrainerEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        // A faulty listener must not stop the others or the run.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  private onStderr(chunk: string): void {
    this.stderr = (this.stderr + chunk).slice(-STDERR_KEEP);
    for (const line of chunk.split('\n').map((l) => l.trimEnd()).filter(Boolean)) {
      if (this.forwardedLines < STDERR_FORWARD_LINES) this.emit({ type: 'log', level: 'warn', message: `trainer: ${line}` });
      else if (this.forwardedLines === STDERR_FORWARD_LINES) this.emit({ type: 'log', level: 'warn', message: 'trainer: (further output not shown)' });
      this.forwardedLines++;
    }
  }

  private finish(code: number | null, signal: NodeJS.Signals | null, why?: string): void {
    if (isEnded(this.current.phase)) return;
    this.liveness.stop();
    if (this.killTimer) clearTimeout(this.killTimer);
    if (this.exitTimer) clearTimeout(this.exitTimer);
    const rest = this.pulses.flush();
    if (rest) this.onStderr(rest);
    let exit = this.exitEvent;
    if (!exit) {
      const epochsCompleted = this.current.epochsCompleted;
      const saved = this.current.hasWeights ? '' : ' before it saved the model';
      if (why) exit = { type: 'exit', reason: 'crashed', message: `The trainer crashed: ${why}.`, epochsCompleted };
      else if (this.frozen && this.stopRequested) exit = { type: 'exit', reason: 'stopped', message: `Stopped${saved}; ${this.frozen}.`, epochsCompleted };
      else if (this.frozen) exit = { type: 'exit', reason: 'crashed', message: `${this.frozen[0].toUpperCase()}${this.frozen.slice(1)}.`, epochsCompleted };
      else if (this.stopRequested) exit = { type: 'exit', reason: 'stopped', message: `Stopped at once: the trainer was ended${saved}.`, epochsCompleted };
      else exit = { type: 'exit', reason: 'crashed', message: describeExit(code, signal, this.stderr), epochsCompleted };
    }
    this.current = applyEvent(this.current, exit);
    this.emit(exit);
    this.resolveDone(exit);
  }
}
