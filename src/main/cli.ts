/**
 * `netwright <command>`: the headless front door to the same services the app
 * uses. Each command lives in src/main/cli/<command>.ts and returns an exit
 * code: 0 ok, 1 the project has errors, 2 bad input (unreadable file, bad flag).
 */
import { COMMANDS } from './cli/commands.ts';
import { CliError, type Io, processIo } from './cli/io.ts';

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`netwright: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`netwright ${name}: ${err.message}`);
      return err.exitCode;
    }
    io.err(`netwright ${name}: unexpected failure: ${(err as Error).stack ?? err}`);
    return 70;
  }
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return ['Usage: netwright <command> [options]', '', ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`)].join('\n');
}
