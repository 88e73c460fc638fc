/**
 * src/train.ts of an exported project: continues training the saved model
 * (or a fresh one built by model.ts), evaluates it and saves it back. The
 * fit, evaluate and save code is the single-file program's.
 */
import type { CompileSpec } from '../compile/spec.ts';
import { callbacksSource, FIT_EVALUATE_SAVE, RUN_MAIN, trainingSettingsSource } from './training-source.ts';

export function trainProgram(spec: CompileSpec): string {
  return `/**
 * Continues training the model in ../model from its saved weights, or from scratch with --fresh,
 * then evaluates it on the test set and saves it back (or to --out).
 * The optimizer's own state (e.g. Adam's moment estimates) is not part of the saved files, so it starts afresh.
 *
 *   npm run train                                 ${spec.training.epochs} more epochs, as set in the project
 *   npm run train -- --epochs 3 --limit 1000      3 epochs on the first 1,000 training samples
 *   npm run train -- --fresh                      start from new random weights
 *   npm run train -- --summary-only               print the layer table and stop
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { firstSamples, loadData, type Split } from './data.ts';
import { loadTrainedModel } from './load-model.ts';
import { buildModel, compileModel } from './model.ts';
import { MODEL_DIR } from './paths.ts';
import { toInputs, toTargets } from './tensors.ts';
import { loadTfjs, printSummary, type Tf } from './tfjs.ts';

${trainingSettingsSource(spec.training)}

interface Options {
  epochs: number;
  /** Train on the first N training samples only (quick runs). */
  limit: number | null;
  /** Start from the architecture in model.ts with new random weights instead of the saved ones. */
  fresh: boolean;
  summaryOnly: boolean;
  /** Where the saved model is read from. */
  model: string;
  /** Where the trained model is written; the model folder itself unless given. */
  out: string | null;
  dataDir: string | null;
}

const USAGE = 'usage: npm run train -- [--epochs N] [--limit N] [--fresh] [--summary-only] [--model DIR] [--out DIR] [--data-dir DIR]';

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { epochs: TRAINING.epochs, limit: null, fresh: false, summaryOnly: false, model: MODEL_DIR, out: null, dataDir: null };
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
      case '--fresh':
        options.fresh = true;
        break;
      case '--summary-only':
        options.summaryOnly = true;
        break;
      case '--model':
        options.model = value();
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
}

${callbacksSource(spec.training)}

${FIT_EVALUATE_SAVE}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { tf, name } = await loadTfjs();
  console.log(\`TensorFlow.js from \${name} (backend: \${tf.getBackend()})\`);
  const model = options.fresh ? buildModel(tf) : await loadTrainedModel(tf, options.model);
  console.log(options.fresh ? 'Starting from new random weights' : \`Continuing from \${path.join(options.model, 'model.json')}\`);
  printSummary(model);
  if (options.summaryOnly) return;
  compileModel(tf, model);
  const data = await loadData({ limit: options.limit, dataDir: options.dataDir });
  const trainSet = options.limit === null ? data.train : firstSamples(data.train, options.limit);
  console.log(\`Data: \${data.title}: \${trainSet.count} training and \${data.test.count} test samples\`);
  await train(tf, model, trainSet, data.targetSize, options.epochs);
  await evaluate(tf, model, data.test, data.targetSize);
  await saveModel(tf, model, options.out ?? options.model);
}

${RUN_MAIN}
`;
}
