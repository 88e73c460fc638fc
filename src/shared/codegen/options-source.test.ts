/**
 * The generated command-line parser, run: the source is transpiled and
 * called on argument lists, the way a generated program calls it.
 */
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { type CommandLine, commandLineSource, usageFlags } from './options-source.ts';

const TRAINING = { epochs: 7 };

function parser(cli: CommandLine): (argv: string[]) => Record<string, unknown> {
  const js = transformSync(commandLineSource(cli), { loader: 'ts' }).code;
  const make = new Function('TRAINING', `${js}\nreturn parseOptions;`) as (training: typeof TRAINING) => (argv: string[]) => Record<string, unknown>;
  return make(TRAINING);
}

const TRAIN: CommandLine = {
  command: 'npm run train --',
  flags: [
    { flag: '--epochs', field: 'epochs', kind: 'count', initial: 'TRAINING.epochs' },
    { flag: '--limit', field: 'limit', kind: 'count', doc: 'Train on the first N samples only.' },
    { flag: '--fresh', field: 'fresh', kind: 'switch' },
    { flag: '--out', field: 'out', kind: 'text' },
  ],
};

const PREDICT: CommandLine = {
  command: 'npm run -s predict --',
  argument: { field: 'count', initial: '10', name: 'sample count' },
  flags: [{ flag: '--input', field: 'input', kind: 'text', placeholder: 'samples.json' }],
};

describe('commandLineSource', () => {
  it('starts every field at its default', () => {
    expect(parser(TRAIN)([])).toEqual({ epochs: 7, limit: null, fresh: false, out: null });
    expect(parser(PREDICT)([])).toEqual({ count: 10, input: null });
  });

  it('reads counts, switches and words after their flags', () => {
    expect(parser(TRAIN)(['--epochs', '3', '--fresh', '--limit', '100', '--out', 'dir'])).toEqual({ epochs: 3, limit: 100, fresh: true, out: 'dir' });
    expect(parser(PREDICT)(['25', '--input', 'a.json'])).toEqual({ count: 25, input: 'a.json' });
  });

  it('refuses what it cannot read, with the usage line', () => {
    const train = parser(TRAIN);
    expect(() => train(['--epochs', '0'])).toThrow('--epochs needs a whole number of at least 1\nusage: npm run train -- [--epochs N] [--limit N] [--fresh] [--out DIR]');
    expect(() => train(['--out'])).toThrow('--out needs a value\n');
    expect(() => train(['--bogus'])).toThrow('unknown option --bogus\n');
    expect(() => parser(PREDICT)(['2.5'])).toThrow('unknown option 2.5 (the sample count must be a whole number of at least 1)\nusage: npm run -s predict -- [N] [--input samples.json]');
  });

  it('declares nullable fields only where there is no default, with their doc comments', () => {
    const source = commandLineSource(TRAIN);
    expect(source).toContain('  epochs: number;\n  /** Train on the first N samples only. */\n  limit: number | null;\n  fresh: boolean;\n  out: string | null;\n}');
    // A program with no counts has no count() helper, which strict type-checks would call unused.
    expect(commandLineSource(PREDICT)).not.toContain('const count');
  });

  it('lists flags for usage lines and header comments', () => {
    expect(usageFlags(PREDICT.flags)).toBe('[--input samples.json]');
  });
});
