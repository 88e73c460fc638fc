/**
 * The command-line parser of a generated program, from a list of flags. Each
 * program gets its own plain copy (an `Options` interface, a `USAGE` line and
 * a `parseOptions` loop) so that it stays standalone and needs no package.
 */
import { quote } from './literal.ts';

export interface Flag {
  /** As typed on the command line, e.g. `--epochs`. */
  readonly flag: string;
  /** The `Options` field it sets. */
  readonly field: string;
  /** count: a whole number of at least 1 follows; text: any word follows; switch: the flag alone turns the field on. */
  readonly kind: 'count' | 'switch' | 'text';
  /** Source of the starting value, e.g. `TRAINING.epochs`. Left out, a count or text field may be null and starts so; a switch starts false. */
  readonly initial?: string;
  /** The field's doc comment in `Options`. */
  readonly doc?: string;
  /** What the usage line shows after a count or text flag; default N for a count, DIR for text. */
  readonly placeholder?: string;
}

/** A bare whole number on the command line, as in `predict 25`. */
export interface CountArgument {
  readonly field: string;
  readonly initial: string;
  readonly doc?: string;
  /** Names the number in the error for anything else that is not a flag, e.g. "sample count". */
  readonly name: string;
}

export interface CommandLine {
  /** How the program is started, e.g. `npm run train --`; the usage line is this and the flags. */
  readonly command: string;
  readonly flags: readonly Flag[];
  readonly argument?: CountArgument;
}

/** The flags as the usage line lists them, e.g. `[--epochs N] [--fresh]`. */
export function usageFlags(flags: readonly Flag[]): string {
  return flags.map((f) => (f.kind === 'switch' ? `[${f.flag}]` : `[${f.flag} ${f.placeholder ?? (f.kind === 'count' ? 'N' : 'DIR')}]`)).join(' ');
}

function usageLine(cli: CommandLine): string {
  return ['usage:', cli.command, ...(cli.argument ? ['[N]'] : []), usageFlags(cli.flags)].join(' ');
}

interface Field {
  readonly name: string;
  readonly type: string;
  readonly initial: string;
  readonly doc?: string;
}

function fieldOf(f: Flag): Field {
  if (f.kind === 'switch') return { name: f.field, type: 'boolean', initial: f.initial ?? 'false', doc: f.doc };
  const type = f.kind === 'count' ? 'number' : 'string';
  return f.initial === undefined ? { name: f.field, type: `${type} | null`, initial: 'null', doc: f.doc } : { name: f.field, type, initial: f.initial, doc: f.doc };
}

function caseSource(f: Flag): string {
  switch (f.kind) {
    case 'count':
      return `options.${f.field} = count();`;
    case 'text':
      return `options.${f.field} = value();`;
    case 'switch':
      return `options.${f.field} = true;`;
    default:
      throw new Error(`unknown flag kind ${(f as { kind: string }).kind}`);
  }
}

/** Helpers that read the word after a flag, only those some flag uses (unused locals fail strict type-checks). */
function readersSource(flags: readonly Flag[]): string[] {
  const counts = flags.some((f) => f.kind === 'count');
  if (!counts && !flags.some((f) => f.kind === 'text')) return [];
  const value = `    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(\`\${flag} needs a value\\n\${USAGE}\`);
      return next;
    };`;
  const count = `    const count = (): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(\`\${flag} needs a whole number of at least 1\\n\${USAGE}\`);
      return n;
    };`;
  return counts ? [value, count] : [value];
}

function otherwiseSource(argument: CountArgument | undefined): string {
  if (!argument) {
    return `      default:
        throw new Error(\`unknown option \${flag}\\n\${USAGE}\`);`;
  }
  return `      default: {
        const n = Number(flag);
        if (!Number.isInteger(n) || n < 1) throw new Error(\`unknown option \${flag} (the ${argument.name} must be a whole number of at least 1)\\n\${USAGE}\`);
        options.${argument.field} = n;
      }`;
}

/**
 * @example
 * commandLineSource({ command: 'npx tsx model.ts', flags: [{ flag: '--epochs', field: 'epochs', kind: 'count', initial: 'TRAINING.epochs' }] })
 * // interface Options { epochs: number; } const USAGE = …; function parseOptions(argv) { … }
 */
export function commandLineSource(cli: CommandLine): string {
  const fields: Field[] = [...(cli.argument ? [{ ...cli.argument, name: cli.argument.field, type: 'number' }] : []), ...cli.flags.map(fieldOf)];
  const members = fields.map((f) => `${f.doc ? `  /** ${f.doc} */\n` : ''}  ${f.name}: ${f.type};`);
  const initial = fields.map((f) => `${f.name}: ${f.initial}`).join(', ');
  const cases = cli.flags.map((f) => `      case ${quote(f.flag)}:\n        ${caseSource(f)}\n        break;`);
  return `interface Options {
${members.join('\n')}
}

const USAGE = ${quote(usageLine(cli))};

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { ${initial} };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
${[...readersSource(cli.flags), '    switch (flag) {', ...cases].join('\n')}
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
${otherwiseSource(cli.argument)}
    }
  }
  return options;
}`;
}
