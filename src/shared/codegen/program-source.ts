/**
 * The parts of a generated program that do not depend on the model: the
 * command line, loading TensorFlow.js, and printing the summary.
 */
import { quote } from './literal.ts';

/** Flags every generated program understands; the header comment and --help list them. */
export const USAGE_FLAGS = '[--epochs N] [--limit N] [--summary-only] [--out DIR] [--data-dir DIR]';

export function optionsSource(fileName: string, defaultOut: string): string {
  return `interface Options {
  epochs: number;
  /** Train on the first N training samples only (quick runs). */
  limit: number | null;
  /** Print the model summary and stop, without loading data. */
  summaryOnly: boolean;
  /** Where model.json and weights.bin go. */
  out: string;
  /** Overrides where the dataset files are read from. */
  dataDir: string | null;
}

const USAGE = ${quote(`usage: npx tsx ${fileName} ${USAGE_FLAGS}`)};

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { epochs: TRAINING.epochs, limit: null, summaryOnly: false, out: ${quote(defaultOut)}, dataDir: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(\`\${flag} needs a value\\n\${USAGE}\`);
      return next;
    };
    const count = (): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(\`\${flag} needs a whole number of at least 1\\n\${USAGE}\`);
      return n;
    };
    switch (flag) {
      case '--epochs':
        options.epochs = count();
        break;
      case '--limit':
        options.limit = count();
        break;
      case '--summary-only':
        options.summaryOnly = true;
        break;
      case '--out':
        options.out = value();
        break;
      case '--data-dir':
        options.dataDir = value();
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
      default:
        throw new Error(\`unknown option \${flag}\\n\${USAGE}\`);
    }
  }
  return options;
}`;
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
