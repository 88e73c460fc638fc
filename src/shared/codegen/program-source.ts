/**
 * The parts of a generated program that do not depend on the model: the
 * command line, loading TensorFlow.js, and printing the summary.
 */
import { quote } from './literal.ts';
import { commandLineSource, type Flag, usageFlags } from './options-source.ts';

/** Flags that the single-file program and an exported project's train.ts share. */
export const EPOCHS_FLAG: Flag = { flag: '--epochs', field: 'epochs', kind: 'count', initial: 'TRAINING.epochs' };
export const LIMIT_FLAG: Flag = { flag: '--limit', field: 'limit', kind: 'count', doc: 'Train on the first N training samples only (quick runs).' };
export const SUMMARY_ONLY_FLAG: Flag = { flag: '--summary-only', field: 'summaryOnly', kind: 'switch', doc: 'Print the model summary and stop, without loading data.' };
export const DATA_DIR_FLAG: Flag = { flag: '--data-dir', field: 'dataDir', kind: 'text', doc: 'Overrides where the dataset files are read from.' };

function programFlags(defaultOut: string): Flag[] {
  const out: Flag = { flag: '--out', field: 'out', kind: 'text', initial: quote(defaultOut), doc: 'Where model.json and weights.bin go.' };
  return [EPOCHS_FLAG, LIMIT_FLAG, SUMMARY_ONLY_FLAG, out, DATA_DIR_FLAG];
}

/** Flags every generated program understands; the header comment and --help list them. */
export const USAGE_FLAGS = usageFlags(programFlags(''));

export function optionsSource(fileName: string, defaultOut: string): string {
  return commandLineSource({ command: `npx tsx ${fileName}`, flags: programFlags(defaultOut) });
}

export const LOAD_TFJS = `/** Tried in order: CUDA GPU, native CPU, then plain JavaScript, which runs anywhere but slowest. */
const TFJS_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node', '@tensorflow/tfjs'];

async function loadTfjs(): Promise<{ tf: Tf; name: string }> {
  const problems: string[] = [];
  for (const name of TFJS_PACKAGES) {
    try {
      // A variable module name keeps type-checkers from requiring the optional native packages.
      const mod = (await import(name)) as Tf & { default?: Tf };
      const tf = mod.default ?? mod;
      // The pure-JavaScript fallback is a deliberate choice here, so skip its "install tfjs-node" banner.
      if (name === '@tensorflow/tfjs') tf.enableProdMode();
      await tf.ready();
      return { tf, name };
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') problems.push(\`\${name}: \${String((err as Error).message ?? err).split('\\n')[0]}\`);
    }
  }
  throw new Error(['cannot load TensorFlow.js: run \`npm install @tensorflow/tfjs\`', ...problems].join('\\n  '));
}`;

export const PRINT_SUMMARY = `/** model.summary() cuts each column to a fixed share of the line; a wider line keeps long names and shapes whole. */
function printSummary(model: tfjs.LayersModel): void {
  const widest = (texts: readonly string[]): number => Math.max(0, ...texts.map((t) => t.length));
  const names = widest(model.layers.map((l) => \`\${l.name} (\${l.getClassName()})\`));
  const shapes = widest(model.layers.map((l) => JSON.stringify(l.outputShape)));
  const params = String(model.countParams()).length;
  model.summary(Math.max(98, Math.ceil((names + 2) / 0.24), Math.ceil((shapes + 2) / 0.22), Math.ceil((params + 2) / 0.1)));
}`;
