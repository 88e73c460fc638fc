import { access } from 'node:fs/promises';
import { serializeDocument } from '../../shared/document/index.ts';
import { getTemplate, TEMPLATES } from '../../shared/templates/index.ts';
import { writeFileAtomic } from '../services/projects/atomic-write.ts';
import { CliError, type Command } from './io.ts';
import { parseArgs } from './project-file.ts';

export const templatesCommand: Command = {
  name: 'templates',
  usage: 'templates',
  summary: 'list the starter projects',
  async run(_args, io) {
    const width = Math.max(...TEMPLATES.map((t) => t.id.length));
    io.out(TEMPLATES.map((t) => `${t.id.padEnd(width)}  ${t.description}`).join('\n'));
    return 0;
  },
};

export const newCommand: Command = {
  name: 'new',
  usage: 'new <template> -o <file> [--force]',
  summary: 'create a project from a template',
  async run(args, io) {
    const { positional, values, flags } = parseArgs(args, { values: ['out'], flags: ['force'] });
    if (positional.length !== 1) throw new CliError('expected a template id (see `netwright templates`)');
    const template = getTemplate(positional[0]);
    if (!template) throw new CliError(`no template ${JSON.stringify(positional[0])}; choose one of: ${TEMPLATES.map((t) => t.id).join(', ')}`);
    const out = values.get('out');
    if (!out) throw new CliError('expected -o <file> for the new project');
    await writeNew(out, serializeDocument(template.build()), flags.has('force'));
    io.out(`created ${out} from template ${template.id}`);
    return 0;
  },
};

/** Writes atomically, like every save (so a crash never leaves half a project, nor a stray temp file for long); refuses to overwrite unless forced. */
async function writeNew(path: string, text: string, force: boolean): Promise<void> {
  if (!force && (await exists(path))) throw new CliError(`${path} already exists (use --force to overwrite)`);
  try {
    await writeFileAtomic(path, text);
  } catch (err) {
    throw new CliError(`${path}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
