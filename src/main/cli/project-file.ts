/** Reads a project file for a CLI command; every failure becomes one readable line (exit 2). */
import { readFile } from 'node:fs/promises';
import { checkParams, formatIssues, parseDocument, type GraphDoc } from '../../shared/document/index.ts';
import type { Issue } from '../../shared/document/index.ts';
import { CliError } from './io.ts';

export async function readProjectFile(path: string): Promise<GraphDoc> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? (err as Error).message})`);
  }
  const parsed = parseDocument(text);
  if (!parsed.ok) throw invalid(path, parsed.issues);
  // Unknown kinds and bad param values are file errors for a headless run (exit 2), not just diagnostics.
  const paramIssues = checkParams(parsed.doc);
  if (paramIssues.length) throw invalid(path, paramIssues);
  return parsed.doc;
}

function invalid(path: string, issues: readonly Issue[]): CliError {
  const detail = formatIssues(issues, 8).split('\n');
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
