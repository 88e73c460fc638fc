/**
 * src/train.ts of an exported project: continues training the saved model
 * (or a fresh one built by model.ts), evaluates it and saves it back. The
 * fit, evaluate and save code is the single-file program's; with --fresh it
 * repeats the app's run from the project's seed.
 */
import type { CompileSpec } from '../compile/spec.ts';
import { projectImports } from './data/modules.ts';
import { commandLineSource, type Flag } from './options-source.ts';
import { DATA_DIR_FLAG, EPOCHS_FLAG, LIMIT_FLAG, SUMMARY_ONLY_FLAG } from './program-source.ts';
import { callbacksSource, FIT_EVALUATE_SAVE, RUN_MAIN, SEEDED_RUN, TRAINING_USES, trainingSettingsSource } from './training-source.ts';

const TRAIN_FLAGS: readonly Flag[] = [
  EPOCHS_FLAG,
  LIMIT_FLAG,
  { flag: '--fresh', field: 'fresh', kind: 'switch', doc: 'Start from the architecture in model.ts with new random weights instead of the saved ones.' },
  SUMMARY_ONLY_FLAG,
  { flag: '--model', field: 'model', kind: 'text', initial: 'MODEL_DIR', doc: 'Where the saved model is read from.' },
  { flag: '--out', field: 'out', kind: 'text', doc: 'Where the trained model is written; the model folder itself unless given.' },
  DATA_DIR_FLAG,
];

export function trainProgram(spec: CompileSpec): string {
  return `/**
 * Continues training the model in ../model from its saved weights, or from scratch with --fresh,
 * then evaluates it on the test set and saves it back (or to --out).
 * The optimizer's own state (e.g. Adam's moment estimates) is not part of the saved files, so it starts afresh.
 *
 *   npm run train                                 ${spec.training.epochs} more epochs, as set in the project
 *   npm run train -- --epochs 3 --limit 1000      3 epochs on the first 1,000 training samples
 *   npm run train -- --fresh                      start from new random weights (the project's seed: the app's run again)
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
${projectImports(TRAINING_USES).join('\n')}

${trainingSettingsSource(spec.training)}

${commandLineSource({ command: 'npm run train --', flags: TRAIN_FLAGS })}

${callbacksSource(spec.training)}

${SEEDED_RUN}

${FIT_EVALUATE_SAVE}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { tf, name } = await loadTfjs();
  console.log(\`TensorFlow.js from \${name} (backend: \${tf.getBackend()})\`);
  const random = seedRun();
  const model = options.fresh ? buildModel(tf) : await loadTrainedModel(tf, options.model);
  console.log(options.fresh ? 'Starting from new random weights' : \`Continuing from \${path.join(options.model, 'model.json')}\`);
  printSummary(model);
  if (options.summaryOnly) return;
  compileModel(tf, model);
  const data = await loadData({ limit: options.limit, dataDir: options.dataDir });
  const trainSet = options.limit === null ? data.train : firstSamples(data.train, options.limit);
  console.log(\`Data: \${data.title}: \${trainSet.count} training and \${data.test.count} test samples\`);
  await train(tf, model, trainSet, data.targetSize, options.epochs, random);
  await evaluate(tf, model, data.test, data.targetSize);
  await saveModel(tf, model, options.out ?? options.model);
}

${RUN_MAIN}
`;
}
