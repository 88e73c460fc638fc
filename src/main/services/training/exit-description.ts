/**
 * Turns how a trainer process ended into a sentence for the user. A trainer
 * that exits on its own always sends an exit event first; these are the other
 * endings: a crash, a kill by the system (often for memory), a native abort.
 */

/** The line of the trainer's stderr most likely to say what went wrong. */
export function telling(stderrTail: string): string | null {
  const lines = stderrTail.split('\n').map((l) => l.trim()).filter(Boolean);
  const hit = [...lines].reverse().find((l) => /error|fatal|abort|out of memory|cannot|failed/i.test(l) && !/^at /.test(l));
  const line = hit ?? lines[lines.length - 1];
  return line ? (line.length > 300 ? line.slice(0, 297) + '…' : line) : null;
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): string {
  const detail = telling(stderrTail);
  const tail = detail ? ` Last message: ${detail}` : '';
  if (/heap out of memory|Allocation failed|out of memory/i.test(stderrTail)) {
    return `The trainer ran out of memory. Try a smaller batch size, a smaller model or a subset of the data.${tail}`;
  }
  switch (signal) {
    case null:
      break;
    case 'SIGKILL':
      return `The trainer was killed (SIGKILL). The system may have run out of memory: try a smaller batch size, model or dataset.${tail}`;
    case 'SIGABRT':
      return `The trainer aborted (SIGABRT), which usually means a native library failed (TensorFlow, CUDA or the GPU driver).${tail}`;
    case 'SIGSEGV':
    case 'SIGBUS':
    case 'SIGILL':
      return `The trainer crashed in native code (${signal}); a backend library or driver is at fault. Try another backend.${tail}`;
    default:
      return `The trainer was ended by ${signal}.${tail}`;
  }
  if (code !== null && code !== 0) return `The trainer crashed: it exited with code ${code}.${tail}`;
  return `The trainer ended without saying why.${tail}`;
}
