import { analyze } from '../../shared/analysis/index.ts';
import { formatDiagnostics } from './diagnostics.ts';
import { CliError, type Command } from './io.ts';
import { parseArgs, readProjectFile } from './project-file.ts';

/** `netwright check <file>`: diagnostics; exit 1 when any is an error. */
export const checkCommand: Command = {
  name: 'check',
  usage: 'check <file> [--json]',
  summary: 'list problems in the network (exit 1 on errors)',
  async run(args, io) {
    const { positional, flags } = parseArgs(args, { flags: ['json'] });
    if (positional.length !== 1) throw new CliError('expected one project file');
    const a = analyze(await readProjectFile(positional[0]));
    const errors = a.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = a.diagnostics.length - errors;
    if (flags.has('json')) io.out(JSON.stringify({ ok: a.ok, diagnostics: a.diagnostics }, null, 2));
    else {
      if (a.diagnostics.length) io.out(formatDiagnostics(a.diagnostics));
      io.out(`${positional[0]}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    }
    return a.ok ? 0 : 1;
  },
};
