/**
 * Entry of the trainer process: forked by Node for the CLI, `netwright serve`
 * and the tests, or by Electron's utilityProcess in the desktop app. It talks
 * to the training host over the IPC channel (or parentPort). When the host
 * goes away the trainer goes too: at once between batches (the IPC
 * 'disconnect'), and within a pulse in the middle of one (pulse.ts).
 */
import type { TrainerCommand, TrainerEvent } from '../../shared/protocol/trainer.ts';
import { isTrainerCommand } from '../../shared/protocol/trainer.ts';
import type { TrainerPort } from './port.ts';
import { nodeEnvironment } from './node-environment.ts';
import { startPulse } from './pulse.ts';
import { serveTrainer } from './trainer.ts';

/** Electron's utilityProcess gives the trainer a parentPort instead of Node's IPC channel. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;

if (!process.send && !parentPort) {
  console.error('src/main/trainer/child.ts runs as a child process with an IPC channel (child_process.fork or utilityProcess.fork)');
  process.exit(2);
}

/** Settles once the latest message has been handed to the channel. */
let lastSent: Promise<void> = Promise.resolve();

const port: TrainerPort = parentPort
  ? {
      send: (event: TrainerEvent) => parentPort.postMessage(event),
      onCommand: (handler) => parentPort.on('message', (e) => isTrainerCommand(e.data) && handler(e.data)),
    }
  : {
      send(event: TrainerEvent) {
        if (!process.connected) return;
        lastSent = new Promise((resolve) => process.send!(event, undefined, {}, () => resolve()));
      },
      onCommand: (handler) => process.on('message', (m: unknown) => isTrainerCommand(m) && handler(m)),
    };

function crash(mode: Extract<TrainerCommand, { type: 'crash' }>['mode']): void {
  switch (mode) {
    case 'exit':
      process.exit(3);
      break;
    case 'signal':
      process.kill(process.pid, 'SIGKILL');
      break;
    case 'throw':
      setImmediate(() => {
        throw new Error('crash requested by the host (test)');
      });
      break;
    case 'hang':
      // Blocks the main thread without using the CPU, like a native call stuck on a lock that is never released.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      break;
    default:
      throw new Error(`unknown crash mode ${String(mode satisfies never)}`);
  }
}

startPulse();
process.on('disconnect', () => process.exit(0));
// Ctrl+C in a terminal signals the whole process group: the host decides (it stops runs so they save, or it exits and the disconnect above ends this one).
process.on('SIGINT', () => {});

await serveTrainer(port, { env: nodeEnvironment, crash });
// The exit event was the last message; leave once it is on its way (parentPort has no delivery callback, so give it a moment).
await lastSent;
if (parentPort) await new Promise((resolve) => setTimeout(resolve, 200));
process.exit(0);
