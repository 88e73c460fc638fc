/**
 * The trainer core behind a port: waits for `start`, runs one session, and
 * answers pause / resume / stop, speed, step and tune while it runs. Transport-agnostic: child.ts
 * serves it over Node IPC, page/entry.ts from Chromium's GPU page, tests and
 * the bench over a memory channel.
 */
import { HEARTBEAT_MS, type ExitEvent, type TrainerCommand } from '../../shared/protocol/trainer.ts';
import { RunControl } from './control.ts';
import type { TrainerEnvironment } from './environment.ts';
import { Outbox } from './outbox.ts';
import type { TrainerPort } from './port.ts';
import { runSession } from './session.ts';

export interface TrainerDeps {
  /** Datasets, backends and saving where this trainer runs; tests may substitute parts. */
  readonly env: TrainerEnvironment;
  /** Process-level failures for the `crash` command; only a trainer in its own process provides them. */
  readonly crash?: (mode: Extract<TrainerCommand, { type: 'crash' }>['mode']) => void;
}

/**
 * Serves one run on `port`; resolves with its exit event once that has been
 * sent. A heartbeat goes out every HEARTBEAT_MS while the event loop turns,
 * until the exit: the host tells a trainer that is busy (heartbeats, or the
 * process's pulse) from one that stopped answering.
 */
export function serveTrainer(port: TrainerPort, deps: TrainerDeps): Promise<ExitEvent> {
  let outbox = new Outbox((e) => port.send(e));
  const control = new RunControl((state) => outbox.post({ type: 'status', state }));
  let started = false;
  let ended = false;
  const heartbeat = setInterval(() => outbox.post({ type: 'heartbeat' }), HEARTBEAT_MS);
  // Node: the heartbeat alone does not keep a trainer's process alive (the page's timers have no unref).
  (heartbeat as { unref?: () => void }).unref?.();
  return new Promise((resolve) => {
    const finish = (exit: ExitEvent) => {
      ended = true;
      clearInterval(heartbeat);
      outbox.post(exit);
      void outbox.idle().then(() => resolve(exit));
    };
    port.onCommand((command) => {
      // The exit event is the last thing a trainer says: commands that cross it in flight are dropped.
      if (ended) return;
      switch (command.type) {
        case 'start':
          if (started) {
            outbox.post({ type: 'log', level: 'warn', message: 'a trainer runs one session; this start was ignored' });
            return;
          }
          started = true;
          outbox = new Outbox((e) => port.send(e), command.options?.maxMessagesPerSecond ?? 20);
          void runSession(command, (e) => outbox.post(e), control, deps.env).then(finish);
          return;
        case 'pause':
          control.pause();
          return;
        case 'resume':
          control.resume();
          return;
        case 'speed':
          control.setSpeed(command.stepsPerSecond);
          return;
        case 'step':
          control.step();
          return;
        case 'tune':
          control.tune(command.tuning);
          return;
        case 'probe':
          control.probe(command.sample);
          return;
        case 'stop':
          if (!started) {
            started = true;
            finish({ type: 'exit', reason: 'stopped', message: 'Stopped before training began.', epochsCompleted: 0 });
          } else control.stop();
          return;
        case 'crash':
          if (deps.crash) deps.crash(command.mode);
          else outbox.post({ type: 'log', level: 'warn', message: 'crash is only available in a trainer process of its own' });
          return;
        default:
          throw new Error(`unknown trainer command ${(command satisfies never as { type: string }).type}`);
      }
    });
  });
}
