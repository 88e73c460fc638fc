/**
 * The trainer's process as the training host sees it: commands in, messages
 * and console output out, one exit. Node's child_process.fork backs it for the
 * CLI and `netwright serve`; the desktop app plugs in Electron's
 * utilityProcess (src/main/app/utility-trainer.ts) behind the same surface.
 */
import { fork } from 'node:child_process';
import type { TrainerCommand } from '../../../shared/protocol/trainer.ts';

export interface TrainerProcess {
  readonly pid: number | undefined;
  /**
   * How long this trainer may give no sign of life before it counts as
   * frozen, where it differs from the host's (TrainingHostOptions): a trainer
   * without a pulse (the GPU page) blocks its only thread during a batch.
   */
  readonly heartbeatTimeoutMs?: number;
  /** Hands a command to the trainer; dropped silently once the channel is closed (the exit says why). */
  send(command: TrainerCommand): void;
  /** Ends the process at once, like SIGKILL. */
  kill(): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The trainer's stdout and stderr, as text: it explains crashes. */
  onOutput(listener: (chunk: string) => void): void;
  /**
   * Called once: the exit code and signal, and `why` where the launcher can say
   * better than a code how it ended (a process that never started, a GPU page
   * whose renderer crashed).
   */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null, why?: string) => void): void;
}

/** Starts a trainer for the run that `start` describes: the entry file in a new process, or (desktop WebGPU) the GPU page. */
export type TrainerLauncher = (entry: string, start: Extract<TrainerCommand, { type: 'start' }>) => TrainerProcess;

export function forkLauncher(options: { readonly execArgv: readonly string[]; readonly env: NodeJS.ProcessEnv }): TrainerLauncher {
  return (entry) => {
    const child = fork(entry, [], {
      execArgv: [...options.execArgv],
      env: options.env,
      // Piped, not inherited: the trainer's output explains crashes, and the host may own the terminal.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    return {
      get pid() {
        return child.pid;
      },
      send(command) {
        // A channel closing between the check and the send reports through the callback, not a throw.
        if (child.connected) child.send(command, (err) => void err);
      },
      kill: () => void child.kill('SIGKILL'),
      onMessage: (listener) => void child.on('message', listener),
      onOutput(listener) {
        child.stderr?.setEncoding('utf8').on('data', listener);
        child.stdout?.setEncoding('utf8').on('data', listener);
      },
      onExit(listener) {
        child.on('error', (err) => {
          if (child.exitCode === null && child.pid === undefined) listener(null, null, `could not start the trainer: ${err.message}`);
        });
        child.on('exit', (code, signal) => listener(code, signal));
      },
    };
  };
}
