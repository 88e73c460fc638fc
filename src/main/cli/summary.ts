import { analyze, formatSummary } from '../../shared/analysis/index.ts';
import { printable } from '../../shared/document/index.ts';
import { formatDiagnostics } from './diagnostics.ts';
import { CliError, type Command } from './io.ts';
import { parseArgs, readProjectFile } from './project-file.ts';

/** `netwright summary <file> [--json]`: the Keras-style table, or JSON for scripts. */
export const summaryCommand: Command = {
  name: 'summary',
  usage: 'summary <file> [--json]',
  summary: 'print the layer table with output shapes and parameter counts',
  async run(args, io) {
    const { positional, flags } = parseArgs(args, { flags: ['json'] });
    if (positional.length !== 1) throw new CliError('expected one project file');
    const doc = await readProjectFile(positional[0]);
    const a = analyze(doc);
    const s = a.summary;
    if (flags.has('json')) {
      io.out(JSON.stringify({
        layers: s.layers.map((r) => ({ name: r.name, kind: r.kind, outputShape: r.outputShape, params: r.params })),
        totalParams: s.totalParams,
        trainableParams: s.trainableParams,
        nonTrainableParams: s.nonTrainableParams,
      }, null, 2));
    } else {
      io.out(`Model: ${printable(doc.meta.name)}\n${formatSummary(s)}`);
      if (a.diagnostics.length) io.err(formatDiagnostics(a.diagnostics));
    }
    return a.ok ? 0 : 1;
  },
};
