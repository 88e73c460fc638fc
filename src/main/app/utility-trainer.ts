/**
 * Trainer processes in the desktop app: Electron's utilityProcess, a Node
 * service process that Electron owns (it appears in the task manager as
 * "Netwright trainer" and dies with the app). A crash, an out-of-memory or a
 * failing native library there ends only that process; the host turns its
 * exit into the reason the user sees (services/training/run.ts).
 */
import { utilityProcess } from 'electron';
import type { TrainerLauncher } from '../services/training/process.ts';

export const utilityTrainerLauncher: TrainerLauncher = (entry) => {
  const child = utilityProcess.fork(entry, [], { stdio: 'pipe', serviceName: 'Netwright trainer' });
  let alive = true;
  let fatal: string | null = null;
  child.on('error', (type, location) => void (fatal = `${type} at ${location}`));
  child.on('exit', () => void (alive = false));
  return {
    get pid() {
      return child.pid;
    },
    send(command) {
      if (alive) child.postMessage(command);
    },
    kill: () => void child.kill(),
    onMessage: (listener) => void child.on('message', listener),
    onOutput(listener) {
      for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer | string) => listener(String(chunk)));
    },
    onExit(listener) {
      // utilityProcess reports a code only; a V8 fatal error arrives first through 'error'.
      child.on('exit', (code) => listener(code, null, fatal ?? undefined));
    },
  };
};
