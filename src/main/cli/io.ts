/** Output channels and errors for CLI commands; tests pass their own Io to capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars redraw in place). */
  readonly tty: boolean;
}

export function processIo(): Io {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    tty: !!process.stdout.isTTY,
  };
}

/** A failure the user can fix; printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

export interface Command {
  readonly name: string;
  /** e.g. "summary <file> [--json]" */
  readonly usage: string;
  readonly summary: string;
  run(args: readonly string[], io: Io): Promise<number>;
}
