/**
 * The trainer core's only link to its host. A Node child process implements
 * it with process.send / 'message' or Electron's process.parentPort
 * (child.ts); the GPU page with its host bridge (page/entry.ts). Messages are
 * plain JSON either way.
 */
import type { TrainerCommand, TrainerEvent } from '../../shared/protocol/trainer.ts';

export interface TrainerPort {
  send(event: TrainerEvent): void;
  onCommand(handler: (command: TrainerCommand) => void): void;
}

export interface MemoryChannel {
  /** The trainer's end. */
  readonly port: TrainerPort;
  /** The host's end: commands arrive on a later tick, as over a real transport. */
  send(command: TrainerCommand): void;
  onEvent(listener: (event: TrainerEvent) => void): () => void;
}

/** Both ends in one process: for tests, benchmarks and hosts that run the core in-process. */
export function memoryChannel(): MemoryChannel {
  const handlers: ((c: TrainerCommand) => void)[] = [];
  const listeners = new Set<(e: TrainerEvent) => void>();
  return {
    port: {
      send: (event) => listeners.forEach((l) => l(event)),
      onCommand: (handler) => void handlers.push(handler),
    },
    send: (command) => setImmediate(() => handlers.forEach((h) => h(command))),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
