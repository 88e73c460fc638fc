/** For the CLI's tests: runs `netwright <argv>` in this process and captures what it prints. */
import { main } from '../cli.ts';
import type { Io } from './io.ts';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function netwright(...argv: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: Io = { tty: false, out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') };
  const code = await main(argv, io);
  return { code, out, err };
}
