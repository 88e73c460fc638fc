import { basename } from 'node:path';
import { generateTypeScript } from '../../shared/codegen/index.ts';
import { compile } from '../../shared/compile/index.ts';
import { exportPlan } from '../../shared/search/export.ts';
import { dataModuleSources } from '../services/export/data-modules.ts';
import { writeFileAtomic } from '../services/projects/atomic-write.ts';
import { formatDiagnostics } from './diagnostics.ts';
import { CliError, type Command } from './io.ts';
import { parseArgs, readProjectFile } from './project-file.ts';
import { searchRecordsFor } from './search.ts';

/**
 * `netwright export <file> --ts <out.ts>`: the project as a standalone
 * TypeScript program that builds, trains, evaluates and saves the model.
 * A network with errors is not exported (exit 1), so that the file on disk
 * is always a program that runs.
 */
export const exportCommand: Command = {
  name: 'export',
  usage: 'export <file> --ts <out.ts>',
  summary: 'write the network as a runnable TypeScript training program',
  async run(args, io) {
    const { positional, values } = parseArgs(args, { values: ['ts'] });
    if (positional.length !== 1) throw new CliError('expected one project file');
    const out = values.get('ts');
    if (!out) throw new CliError('expected --ts <out.ts>, the file to write the program to');
    const file = positional[0];
    const project = await readProjectFile(file);
    // A search's best configuration, from the runs `netwright search` keeps beside the project.
    const { doc, note } = exportPlan(project, project.search ? await searchRecordsFor(file) : []);
    const result = compile(doc);
    const { diagnostics } = result.analysis;
    if (!result.ok) {
      const errors = result.diagnostics.length;
      io.err(`${formatDiagnostics(diagnostics)}\n${file}: not exported, the network has ${errors} error${errors === 1 ? '' : 's'} to fix first`);
      return 1;
    }
    if (diagnostics.length) io.err(formatDiagnostics(diagnostics));
    const code = generateTypeScript(result.spec, { source: basename(file), fileName: basename(out), dataModules: dataModuleSources(), note });
    try {
      await writeFileAtomic(out, code);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new CliError(`${out}: cannot write the program (${reason})`);
    }
    const params = result.spec.totalParams.toLocaleString('en-US');
    io.out(`wrote ${out} (${result.spec.layers.length} layers, ${params} parameters); run it with: npx tsx ${out}`);
    if (note.length) io.out(note.join(' '));
    return 0;
  },
};
