/**
 * The training part of a generated program: the settings, turning data into
 * tensors for the model's inputs and loss, the callbacks (progress, early
 * stopping, learning-rate schedule), evaluation and saving.
 */
import type { TrainingSettings } from '../document/schema.ts';
import type { ModuleUse } from './data/modules.ts';
import { constant, literal, quote } from './literal.ts';

type LossName = TrainingSettings['loss'];

export function trainingSettingsSource(training: TrainingSettings): string {
  const settings = {
    epochs: training.epochs,
    batchSize: training.batchSize,
    validationSplit: training.validationSplit,
    ...(training.schedule.kind === 'constant' ? {} : { learningRate: training.learningRate }),
    seed: training.seed,
  };
  return `/** Training settings from the project; --epochs overrides the number of epochs. The seed is the run's, as in Netwright. */
${constant('TRAINING', settings)}`;
}

function targetConversion(loss: LossName): string {
  switch (loss) {
    case 'categoricalCrossentropy':
      return `// categoricalCrossentropy compares with one-hot rows, so class k becomes a row with a 1 in column k.
  if (targetSize === 1) return tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(split.y), 'int32'), shape[shape.length - 1]).toFloat());`;
    case 'hinge':
      return `// tfjs' hinge loss expects labels of -1 and 1, so 0/1 labels are mapped onto them.
  if (targetSize === 1) return tf.tensor(split.y.map((v) => 2 * v - 1), [split.count, 1]);`;
    case 'sparseCategoricalCrossentropy':
    case 'binaryCrossentropy':
    case 'meanSquaredError':
    case 'meanAbsoluteError':
      return '';
    default:
      throw new Error(`unknown loss ${loss as string}`);
  }
}

export function tensorsSource(loss: LossName): string {
  const conversion = targetConversion(loss);
  return `/** Gives each model input its share of a sample's values (in input order), shaped like the input. */
function toInputs(tf: Tf, model: tfjs.LayersModel, split: Split): tfjs.Tensor[] {
  const width = split.x.length / Math.max(1, split.count);
  const shapes = model.inputs.map((input) => input.shape.slice(1) as number[]);
  const sizes = shapes.map((shape) => shape.reduce((a, b) => a * b, 1));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (split.count > 0 && total !== width) {
    throw new Error(\`the data has \${width} values per sample but the model's inputs take \${total} (\${shapes.map((s) => \`[\${s}]\`).join(' + ')})\`);
  }
  let offset = 0;
  return model.inputs.map((input, k) => {
    const part = new Float32Array(split.count * sizes[k]);
    for (let i = 0; i < split.count; i++) part.set(split.x.subarray(i * width + offset, i * width + offset + sizes[k]), i * sizes[k]);
    offset += sizes[k];
    return tf.tensor(part, [split.count, ...shapes[k]], input.dtype);
  });
}

/** Targets shaped as the output and the loss (${loss}) expect them. */
function toTargets(tf: Tf, model: tfjs.LayersModel, split: Split, targetSize: number): tfjs.Tensor {
  const shape = model.outputs[0].shape.slice(1) as number[];
  ${conversion ? `${conversion}\n  ` : ''}const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(split.y, size === targetSize ? [split.count, ...shape] : [split.count, targetSize]);
}`;
}

function scheduleSource(training: TrainingSettings): { doc: string; rate: string } | null {
  const schedule = training.schedule;
  switch (schedule.kind) {
    case 'constant':
      return null;
    case 'step':
      return {
        doc: `multiplied by ${schedule.factor} every ${schedule.everyEpochs} epochs`,
        rate: `TRAINING.learningRate * ${literal(schedule.factor)} ** Math.floor(epoch / ${literal(schedule.everyEpochs)})`,
      };
    case 'exponential':
      return { doc: `multiplied by ${schedule.decayPerEpoch} after every epoch`, rate: `TRAINING.learningRate * ${literal(schedule.decayPerEpoch)} ** epoch` };
    default:
      throw new Error(`unknown schedule ${(schedule as { kind: string }).kind}`);
  }
}

const SET_LEARNING_RATE = `/** tfjs optimizers keep their rate in a protected field; SGD and momentum also cache it, which setLearningRate refreshes. */
function setLearningRate(optimizer: tfjs.Optimizer, rate: number): void {
  const open = optimizer as unknown as { learningRate: number; setLearningRate?: (rate: number) => void };
  if (open.setLearningRate) open.setLearningRate(rate);
  else open.learningRate = rate;
}`;

const KEEP_BEST_WEIGHTS = `/** tfjs' earlyStopping cannot restore the best weights itself, so this keeps a copy of them and puts it back at the end. */
function keepBestWeights(tf: Tf, model: tfjs.LayersModel, monitor: string): tfjs.CustomCallback {
  const sign = monitor.endsWith('acc') ? -1 : 1;
  let best = Infinity;
  let bestEpoch = 0;
  let weights: tfjs.Tensor[] = [];
  return new tf.CustomCallback({
    onEpochEnd: (epoch, logs) => {
      const value = logs?.[monitor];
      if (value === undefined || !(sign * value < best)) return;
      best = sign * value;
      bestEpoch = epoch;
      tf.dispose(weights);
      weights = model.getWeights().map((w) => w.clone());
    },
    onTrainEnd: () => {
      if (!weights.length) return;
      model.setWeights(weights);
      tf.dispose(weights);
      console.log(\`Restored the weights of epoch \${bestEpoch + 1} (best \${monitor})\`);
    },
  });
}`;

export function callbacksSource(training: TrainingSettings): string {
  const schedule = scheduleSource(training);
  const stop = training.earlyStopping;
  const extra: string[] = [];
  if (stop) extra.push(`tf.callbacks.earlyStopping({ monitor: ${quote(stop.monitor)}, patience: ${stop.patience} })`);
  if (stop?.restoreBestWeights) extra.push(`keepBestWeights(tf, model, ${quote(stop.monitor)})`);
  const onEpochBegin = schedule
    ? `    onEpochBegin: (epoch) => {
      started = Date.now();
      // Learning rate ${schedule.doc}.
      setLearningRate(model.optimizer, ${schedule.rate});
    },`
    : `    onEpochBegin: () => {
      started = Date.now();
    },`;
  const helpers = [schedule ? SET_LEARNING_RATE : '', stop?.restoreBestWeights ? KEEP_BEST_WEIGHTS : ''].filter(Boolean);
  return `${helpers.map((h) => `${h}\n\n`).join('')}/** Prints one line per epoch${stop ? `, stops early when ${stop.monitor} has not improved for ${stop.patience} epochs` : ''}${schedule ? ', and sets the learning rate' : ''}. */
function trainingCallbacks(tf: Tf, ${schedule || stop?.restoreBestWeights ? 'model' : '_model'}: tfjs.LayersModel, epochs: number): (tfjs.Callback | tfjs.CustomCallback)[] {
  let started = Date.now();
  const progress = new tf.CustomCallback({
${onEpochBegin}
    onEpochEnd: (epoch, logs) => {
      // Training figures first, then validation ones (tfjs lists them the other way round).
      const entries = Object.entries(logs ?? {}).sort(([a], [b]) => Number(a.startsWith('val_')) - Number(b.startsWith('val_')));
      const figures = entries.map(([name, value]) => \`\${name} \${value.toFixed(4)}\`);
      console.log(\`Epoch \${epoch + 1}/\${epochs}  \${figures.join('  ')}  (\${((Date.now() - started) / 1000).toFixed(1)} s)\`);
    },
  });
  return [${['progress', ...extra].join(', ')}];
}`;
}

/** What the training code takes from the app's modules: the seeded generator and a run's row order (shared/run/order.ts). */
export const TRAINING_USES: readonly ModuleUse[] = [
  { module: 'src/shared/datasets/random.ts', names: ['mulberry32'] },
  { module: 'src/shared/run/order.ts', names: ['epochOrder', 'holdOut', 'takeRows'] },
];

/**
 * The first lines of a run: everything random in it comes from one generator
 * seeded with TRAINING.seed, so the model is built after Math.random is
 * replaced by it.
 */
export const SEEDED_RUN = `/**
 * Everything random in the run (the initial weights, the validation rows, each epoch's batch order, the dropout masks)
 * comes from one generator seeded with TRAINING.seed, drawn in the order Netwright draws it, so on the same backend
 * this program trains the very model the app trained. tfjs seeds its own draws from Math.random, hence the swap.
 */
function seedRun(): { next(): number } {
  const random = { next: mulberry32(TRAINING.seed) };
  Math.random = random.next;
  return random;
}`;

export const FIT_EVALUATE_SAVE = `/**
 * Trains as Netwright does: the validation rows are held out by a seeded shuffle, and each epoch visits
 * the other rows in a new seeded order, TRAINING.batchSize at a time (the last batch may be short).
 */
async function train(tf: Tf, model: tfjs.LayersModel, split: Split, targetSize: number, epochs: number, random: { next(): number }): Promise<void> {
  if (split.count === 0) throw new Error('the dataset has no training samples');
  const kept = holdOut(split.count, TRAINING.validationSplit, random);
  const rows = (from: number, to: number): Split => ({
    x: takeRows(split.x, split.x.length / split.count, kept.order, from, to),
    y: takeRows(split.y, split.y.length / split.count, kept.order, from, to),
    count: to - from,
  });
  const training = rows(0, kept.training);
  const xs = toInputs(tf, model, training);
  const ys = toTargets(tf, model, training, targetSize);
  const held = kept.validation > 0 ? rows(kept.training, split.count) : null;
  const validationData: [tfjs.Tensor[], tfjs.Tensor] | undefined = held ? [toInputs(tf, model, held), toTargets(tf, model, held, targetSize)] : undefined;
  const batches = tf.data.generator(function* () {
    const order = epochOrder(training.count, random);
    for (let start = 0; start < order.length; start += TRAINING.batchSize) {
      yield tf.tidy(() => {
        const picked = tf.tensor1d(Int32Array.from(order.subarray(start, start + TRAINING.batchSize)), 'int32');
        return { xs: xs.map((x) => tf.gather(x, picked)), ys: tf.gather(ys, picked) };
      });
    }
  });
  await model.fitDataset(batches, { epochs, validationData, verbose: 0, callbacks: trainingCallbacks(tf, model, epochs) });
  tf.dispose([...xs, ys, ...(validationData ? [...validationData[0], validationData[1]] : [])]);
}

async function evaluate(tf: Tf, model: tfjs.LayersModel, split: Split, targetSize: number): Promise<void> {
  if (split.count === 0) {
    console.log('No test samples: skipping the evaluation.');
    return;
  }
  const xs = toInputs(tf, model, split);
  const ys = toTargets(tf, model, split, targetSize);
  const result = model.evaluate(xs, ys, { batchSize: TRAINING.batchSize });
  const scalars = Array.isArray(result) ? result : [result];
  const values = await Promise.all(scalars.map((s) => s.data()));
  const figures = model.metricsNames.map((name, i) => \`\${name} \${values[i][0].toFixed(4)}\`);
  console.log(\`Test (\${split.count} samples): \${figures.join('  ')}\`);
  tf.dispose([...xs, ys, ...scalars]);
}

/**
 * Writes model.json and weights.bin, the layout tf.loadLayersModel reads, with plain file writes:
 * tfjs' file:// handler exists only in tfjs-node, and this works on every backend.
 */
async function saveModel(tf: Tf, model: tfjs.LayersModel, dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, data: string | Uint8Array): void => {
    const file = path.join(dir, name);
    fs.writeFileSync(\`\${file}.tmp\`, data);
    fs.renameSync(\`\${file}.tmp\`, file);
  };
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      write('weights.bin', new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData)));
      const manifest = [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }];
      const json = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        trainingConfig: artifacts.trainingConfig,
        weightsManifest: manifest,
      };
      write('model.json', JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  console.log(\`Saved the model to \${path.join(dir, 'model.json')} and weights.bin\`);
}`;

export const MAIN = `async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { tf, name } = await loadTfjs();
  console.log(\`TensorFlow.js from \${name} (backend: \${tf.getBackend()})\`);
  const random = seedRun();
  const model = buildModel(tf);
  printSummary(model);
  if (options.summaryOnly) return;
  compileModel(tf, model);
  const data = await loadData(options);
  const trainSet = options.limit === null ? data.train : firstSamples(data.train, options.limit);
  console.log(\`Data: \${data.title}: \${trainSet.count} training and \${data.test.count} test samples\`);
  await train(tf, model, trainSet, data.targetSize, options.epochs, random);
  await evaluate(tf, model, data.test, data.targetSize);
  await saveModel(tf, model, options.out);
}`;

export const RUN_MAIN = `main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});`;
