/**
 * The trainer process's second thread. A batch on the CPU backends is one
 * long synchronous computation: the main thread sends no heartbeat and reads
 * no command until it ends, which may take seconds. This thread keeps going
 * meanwhile, every PULSE_MS:
 * - it writes the pulse line (PULSE_PREFIX and the process's CPU time) to
 *   stderr with a plain write(2), which needs nothing of the main thread: the
 *   host sees the CPU time grow while a batch computes, and no pulse, or no
 *   growth, from a process that is suspended or deadlocked;
 * - it ends the process when the parent that started it has gone (it was
 *   killed, or exited without stopping the run), also in the middle of a
 *   batch, where the main thread would only see the IPC 'disconnect' once
 *   the batch is over.
 *
 * The source is a string so that it runs the same from TypeScript (tsx) and
 * from the bundled app, with no file of its own to find.
 */
import { Worker } from 'node:worker_threads';
import { PULSE_MS, PULSE_PREFIX } from '../../shared/protocol/trainer.ts';

const SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { prefix, everyMs, parent } = workerData;
function parentGone() {
  // Orphans are adopted by init (or a subreaper), so the parent id changes; Windows keeps it, but the process is gone.
  if (process.ppid !== parent) return true;
  try {
    process.kill(parent, 0);
    return false;
  } catch (err) {
    return err.code === 'ESRCH';
  }
}
setInterval(() => {
  if (parentGone()) process.kill(process.pid, 'SIGKILL');
  const cpu = process.cpuUsage();
  try {
    writeSync(2, prefix + (cpu.user + cpu.system) + '\\n');
  } catch {
    // stderr closed: the host is gone, and the next turn ends the process.
  }
}, everyMs);
`;

/** Starts the pulse thread; it never keeps the process alive on its own. */
export function startPulse(): Worker {
  const worker = new Worker(SOURCE, { eval: true, workerData: { prefix: PULSE_PREFIX, everyMs: PULSE_MS, parent: process.ppid } });
  worker.unref();
  return worker;
}
