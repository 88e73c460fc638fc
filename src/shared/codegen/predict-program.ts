/**
 * src/predict.ts of an exported project: loads the trained model and prints
 * one JSON line per sample (`{"index":i,"output":[...],"predicted":k,"label":t}`)
 * on stdout, and a readable summary on stderr so that stdout stays
 * machine-readable. Samples are the first N test samples, or a JSON file.
 */
import type { CompileSpec } from '../compile/spec.ts';
import type { DatasetRef, TrainingSettings } from '../document/schema.ts';
import { type CommandLine, commandLineSource } from './options-source.ts';
import { DATA_DIR_FLAG } from './program-source.ts';
import { RUN_MAIN } from './training-source.ts';

export type Task = 'classification' | 'regression';

/** Whether outputs are classes or values, as the app's evaluation decides for the same dataset. */
export function taskOf(dataset: DatasetRef | null, loss: TrainingSettings['loss']): Task {
  if (!dataset) return loss === 'meanSquaredError' || loss === 'meanAbsoluteError' ? 'regression' : 'classification';
  switch (dataset.kind) {
    case 'builtin':
      return dataset.autoencode ? 'regression' : 'classification';
    case 'generated':
      return dataset.name === 'linear' || dataset.name === 'plane' ? 'regression' : 'classification';
    case 'csv':
      return dataset.task;
    case 'idx':
    case 'images':
    case 'cifar10':
      return 'classification';
    default:
      throw new Error(`unknown dataset kind ${(dataset as { kind: string }).kind}`);
  }
}

const PREDICT_COMMAND_LINE: CommandLine = {
  command: 'npm run -s predict --',
  argument: { field: 'count', initial: '10', doc: 'How many samples from the start of the test set.', name: 'sample count' },
  flags: [
    { flag: '--input', field: 'input', kind: 'text', placeholder: 'samples.json', doc: 'A JSON file of samples to predict instead.' },
    { flag: '--model', field: 'model', kind: 'text', initial: 'MODEL_DIR', doc: 'The folder holding model.json and weights.bin.' },
    DATA_DIR_FLAG,
  ],
};

function predictionSource(task: Task, loss: TrainingSettings['loss']): string {
  switch (task) {
    case 'classification': {
      const threshold = loss === 'hinge' ? 0 : 0.5;
      return `/** The predicted class: the largest output's index; with one output unit, 1 above ${threshold} and 0 otherwise${loss === 'hinge' ? " (hinge's -1/+1 outputs)" : ''}. */
function predictedOf(output: readonly number[]): number {
  if (output.length === 1) return output[0] > ${threshold} ? 1 : 0;
  return output.indexOf(Math.max(...output));
}

function summarize(results: readonly Result[]): string {
  const labelled = results.filter((r) => r.label !== null);
  if (!labelled.length) return \`\${results.length} predictions\`;
  const correct = labelled.filter((r) => r.predicted === r.label).length;
  return \`\${correct} of \${labelled.length} predicted correctly (\${((100 * correct) / labelled.length).toFixed(1)} %)\`;
}`;
    }
    case 'regression':
      return `/** A regression model's prediction is its output value (null when the output has several values). */
function predictedOf(output: readonly number[]): number | null {
  return output.length === 1 ? output[0] : null;
}

function summarize(results: readonly Result[]): string {
  const pairs = results.filter((r) => r.label !== null && r.predicted !== null);
  if (!pairs.length) return \`\${results.length} predictions\`;
  const error = pairs.reduce((sum, r) => sum + Math.abs(r.predicted! - r.label!), 0) / pairs.length;
  return \`mean absolute error \${error.toFixed(4)} over \${pairs.length} samples\`;
}`;
    default:
      throw new Error(`unknown task ${task as string}`);
  }
}

export function predictProgram(spec: CompileSpec): string {
  const task = taskOf(spec.dataset, spec.training.loss);
  return `/**
 * Runs the trained model in ../model and prints one JSON line per sample on stdout,
 *   {"index":0,"output":[...],"predicted":1,"label":1}
 * (label is null when the samples come without one), then a readable summary on stderr.
 *
 *   npm run -s predict                            the first 10 test samples
 *   npm run -s predict -- 25                      the first 25
 *   npm run -s predict -- --input samples.json    a JSON array of samples, each flattened (or nested) numbers
 */
import * as fs from 'node:fs';
import { firstSamples, loadData, type Split } from './data.ts';
import { loadTrainedModel } from './load-model.ts';
import { MODEL_DIR } from './paths.ts';
import { toInputs } from './tensors.ts';
import { loadTfjs } from './tfjs.ts';

${commandLineSource(PREDICT_COMMAND_LINE)}

interface Samples {
  readonly split: Split;
  /** Numbers per target in split.y: 1 for a class or a single value; 0 when there are no labels. */
  readonly targetSize: number;
  readonly title: string;
}

/** A JSON array of samples; a nested sample (e.g. 28 rows of 28) is flattened in row-major order. */
function readSamples(file: string): Samples {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(\`\${file}: \${(err as Error).message}\`);
  }
  if (!Array.isArray(parsed) || !parsed.length) throw new Error(\`\${file}: expected a non-empty JSON array of samples, each an array of numbers\`);
  const rows = parsed.map((sample: unknown, i) => {
    const row: unknown[] = Array.isArray(sample) ? sample.flat(Infinity) : [sample];
    if (!row.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new Error(\`\${file}: sample \${i} must hold numbers only\`);
    return row as number[];
  });
  const bad = rows.findIndex((r) => r.length !== rows[0].length);
  if (bad >= 0) throw new Error(\`\${file}: sample \${bad} has \${rows[bad].length} values but sample 0 has \${rows[0].length}\`);
  return { split: { x: Float32Array.from(rows.flat()), y: new Float32Array(0), count: rows.length }, targetSize: 0, title: file };
}

async function testSamples(options: Options): Promise<Samples> {
  // Loaders print notes such as the class names; they go to stderr so that stdout stays JSON lines.
  const log = console.log;
  console.log = console.error;
  try {
    // Training samples are not needed here: read as few as the format allows.
    const data = await loadData({ limit: 1, dataDir: options.dataDir });
    const fromTest = data.test.count > 0;
    const split = firstSamples(fromTest ? data.test : data.train, options.count);
    const which = fromTest ? 'test' : 'training (the dataset has no test set)';
    return { split, targetSize: data.targetSize, title: \`the first \${split.count} \${which} samples of \${data.title}\` };
  } finally {
    console.log = log;
  }
}

interface Result {
  readonly index: number;
  readonly output: number[];
  readonly predicted: number | null;
  readonly label: number | null;
  /** Every output's values, for models with several outputs (output is the first). */
  readonly outputs?: number[][];
}

${predictionSource(task, spec.training.loss)}

const short = (values: readonly number[]): string =>
  \`[\${values.slice(0, 10).map((v) => Number(v.toFixed(4))).join(', ')}\${values.length > 10 ? ', …' : ''}]\`;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { tf, name } = await loadTfjs();
  console.error(\`TensorFlow.js from \${name} (backend: \${tf.getBackend()})\`);
  const model = await loadTrainedModel(tf, options.model);
  const samples = options.input ? readSamples(options.input) : await testSamples(options);
  const { split, targetSize } = samples;
  const xs = toInputs(tf, model, split);
  const predicted = model.predict(xs);
  const outputs = Array.isArray(predicted) ? predicted : [predicted];
  const values = await Promise.all(outputs.map((t) => t.data()));
  tf.dispose([...xs, ...outputs]);
  const results: Result[] = [];
  for (let i = 0; i < split.count; i++) {
    const rows = values.map((v) => {
      const width = v.length / split.count;
      return Array.from(v.subarray(i * width, (i + 1) * width));
    });
    const label = targetSize === 1 && split.y.length === split.count ? split.y[i] : null;
    const result: Result = { index: i, output: rows[0], predicted: predictedOf(rows[0]), label, ...(rows.length > 1 ? { outputs: rows } : {}) };
    results.push(result);
    process.stdout.write(\`\${JSON.stringify(result)}\\n\`);
  }
  console.error(\`Predictions for \${samples.title}:\`);
  for (const r of results.slice(0, 20)) {
    const verdict = r.label === null ? '' : \`  label \${r.label}\${r.predicted === r.label ? '  ✓' : ''}\`;
    console.error(\`  #\${r.index}  predicted \${r.predicted ?? '-'}\${verdict}  output \${short(r.output)}\`);
  }
  if (results.length > 20) console.error(\`  … and \${results.length - 20} more\`);
  console.error(summarize(results));
}

${RUN_MAIN}
`;
}
