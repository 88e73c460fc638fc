/** Reads a project file for a CLI command; every failure becomes one readable line (exit 2). */
import { checkParams, formatIssues, printable, type GraphDoc } from '../../shared/document/index.ts';
import type { Issue } from '../../shared/document/index.ts';
import { MAX_PROJECT_TEXT } from '../../shared/protocol/api-args.ts';
import { loadProjectFile, megabytes } from '../services/projects/project-files.ts';
import { CliError } from './io.ts';

/** Reads through the same loader as the app and `serve`, so a file opens in all three or in none. */
export async function readProjectFile(path: string): Promise<GraphDoc> {
  const loaded = await loadProjectFile(path);
  if (!loaded.ok) {
    switch (loaded.problem) {
      case 'unreadable': {
        const code = (loaded.error as NodeJS.ErrnoException).code;
        throw new CliError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? (loaded.error as Error).message})`);
      }
      case 'not-a-file':
        throw new CliError(`${path}: ${loaded.folder ? 'is a folder' : 'is not a regular file'}, not a project file`);
      case 'too-large':
        throw new CliError(`${path}: is ${megabytes(loaded.size)}, too large for a project file (at most ${megabytes(MAX_PROJECT_TEXT)})`);
      case 'invalid':
        throw invalid(path, loaded.issues);
      default: {
        const never: never = loaded;
        throw new Error(`unknown load result ${JSON.stringify(never)}`);
      }
    }
  }
  // Unknown kinds and bad param values are file errors for a headless run (exit 2), not just diagnostics.
  const paramIssues = checkParams(loaded.doc);
  if (paramIssues.length) throw invalid(path, paramIssues);
  return loaded.doc;
}

function invalid(path: string, issues: readonly Issue[]): CliError {
  const detail = formatIssues(issues, 8).split('\n').map(printable);
  return new CliError(detail.length === 1 ? `${path}: ${detail[0]}` : `${path} is not a valid project:\n  ${detail.join('\n  ')}`);
}

/** Splits argv into positionals and --flags (`--epochs 3`, `--json`, `--ts=out.ts`). */
export function parseArgs(args: readonly string[], spec: { values?: readonly string[]; flags?: readonly string[] }): { positional: string[]; values: Map<string, string>; flags: Set<string> } {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const [rawName, inline] = arg.replace(/^--?/, '').split(/=(.*)/s, 2);
    const name = rawName === 'o' ? 'out' : rawName;
    if (spec.flags?.includes(name)) flags.add(name);
    else if (spec.values?.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new CliError(`--${name} needs a value`);
      values.set(name, value);
    } else throw new CliError(`unknown option ${arg}`);
  }
  return { positional, values, flags };
}
