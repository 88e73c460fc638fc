/**
 * Training throughput (samples/s) of Netwright's engine next to tfjs' own
 * model.fit on the same backend, and next to PyTorch on the CPU, in the same
 * run: the MNIST MLP 784-300-100-10 (Adam) at batch 32 and 256, a small CNN
 * and the lenet-cnn template at batch 64.
 *
 *   npx tsx bench/engine.ts [--backend cpu|wasm|webgpu|tensorflow|tensorflow-gpu] [--quick] [--no-reference] [--profile]
 *
 * PyTorch (bench/reference/torch_cpu.py) trains the same models with the same
 * optimizer, batch sizes and epoch size first, when a Python with torch is
 * found (Debian: apt-get install python3-torch); the table then has its
 * figure and our engine's ratio to it. The wasm rows run on every core, as
 * the app runs a convolutional model (it runs dense-only models on one
 * thread); NETWRIGHT_WASM_THREADS=1 runs them on one thread. --profile adds, per row, where a training
 * step's time goes, by tfjs kernel.
 *
 * Rows per model and backend:
 *   engine  the real trainer core (serveTrainer) with streaming on: progress,
 *           batch/epoch metrics, weight snapshots every 50 batches (≥ 1 s apart)
 *   no snapshots  the same with weight snapshots off: what the snapshots cost
 *   fit     model.fit on the same model, data and backend (one-hot labels, categoricalCrossentropy)
 *   step    the engine's training step alone in a bare loop, loss read every 50
 *           steps: the floor that the engine's bookkeeping adds to
 * Each figure is the fastest epoch after the first (which compiles kernels and
 * warms the JIT), best of two interleaved runs: on a shared machine other work
 * only ever slows an epoch down. Data are random MNIST-shaped images: speed does not depend on
 * the pixel values, and the bench then runs where no dataset is installed.
 */
import type * as TF from '@tensorflow/tfjs';
import { buildModel } from '../src/shared/compile/build-model.ts';
import type { CompileSpec } from '../src/shared/compile/spec.ts';
import { GraphBuilder } from '../src/shared/document/builder.ts';
import type { GraphDoc } from '../src/shared/document/schema.ts';
import type { LoadedDataset } from '../src/shared/protocol/datasets.ts';
import type { BackendName, EpochRecord } from '../src/shared/protocol/trainer.ts';
import { selectNodeBackend } from '../src/main/trainer/backends/node-rungs.ts';
import { nodeEnvironment } from '../src/main/trainer/node-environment.ts';
import type { Tf } from '../src/main/trainer/backends/types.ts';
import { rowReader } from '../src/main/trainer/data.ts';
import { createObjective } from '../src/main/trainer/objective.ts';
import { createOptimizer } from '../src/main/trainer/optimizers.ts';
import { memoryChannel } from '../src/main/trainer/port.ts';
import { SeededRandom } from '../src/main/trainer/seed.ts';
import { createStepper } from '../src/main/trainer/step.ts';
import { specOf } from '../src/main/trainer/testing.ts';
import { serveTrainer } from '../src/main/trainer/trainer.ts';
import { getTemplate } from '../src/shared/templates/index.ts';
import { benchSettings, mnistMlp, randomMnist } from './mnist-fixtures.ts';
import { torchReference } from './reference/torch.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--backend') ? (args[args.indexOf('--backend') + 1] as BackendName) : null;
const BACKENDS: readonly BackendName[] = only ? [only] : ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'];
/** Samples per epoch and epochs per measurement (the first is warm-up). */
const SAMPLES = quick ? 1024 : 2048;
const EPOCHS = quick ? 2 : 4;
const REPEATS = quick ? 1 : 2;

interface Case {
  readonly name: string;
  readonly batch: number;
  readonly doc: GraphDoc;
  /** Share of SAMPLES on the CPU backends (wasm, cpu), where a case is slow. */
  readonly scale: number;
  /** The same model in bench/reference/torch_cpu.py. */
  readonly torch: 'mlp' | 'cnn' | 'lenet';
}

/** Share of SAMPLES for each backend: the plain-JS cpu backend is 5–20× slower than the rest. */
const BACKEND_SCALE: Record<BackendName, number> = { 'tensorflow-gpu': 4, webgpu: 4, tensorflow: 1, wasm: 1, cpu: 0.25 };

function mlp(batch: number): Case {
  return { name: `MLP 784-300-100-10, batch ${batch}`, batch, doc: mnistMlp(), scale: 1, torch: 'mlp' };
}

function cnn(batch: number): Case {
  const b = new GraphBuilder('cnn');
  b.sequence(b.add('Input', { shape: [28, 28, 1] }), [
    ['Conv2D', { filters: 8, kernelSize: [3, 3], activation: 'relu' }],
    ['MaxPooling2D', { poolSize: [2, 2] }],
    ['Conv2D', { filters: 16, kernelSize: [3, 3], activation: 'relu' }],
    ['MaxPooling2D', { poolSize: [2, 2] }],
    ['Flatten'],
    ['Dense', { units: 10, activation: 'softmax' }],
  ]);
  return { name: `CNN conv8-pool-conv16-pool-dense10, batch ${batch}`, batch, doc: b.build(), scale: 1, torch: 'cnn' };
}

function lenet(batch: number): Case {
  return { name: `LeNet (lenet-cnn template), batch ${batch}`, batch, doc: getTemplate('lenet-cnn')!.build(), scale: 1, torch: 'lenet' };
}

const CASES: readonly Case[] = [mlp(32), mlp(256), cnn(64), lenet(64)];

/** The fastest epoch after the first: on a shared machine other work only ever slows an epoch down. */
const bestEpoch = (seconds: readonly number[], n: number) => n / Math.min(...seconds.slice(1));

async function engine(c: Case, backend: BackendName, data: LoadedDataset, snapshotEvery: number): Promise<{ rate: number; messages: number }> {
  const spec = specOf(c.doc);
  const channel = memoryChannel();
  const epochs: EpochRecord[] = [];
  let messages = 0;
  channel.onEvent((e) => {
    messages++;
    // What a real transport does with every message.
    JSON.stringify(e);
    if (e.type === 'epochMetrics') epochs.push(...e.epochs);
  });
  const done = serveTrainer(channel.port, { env: { ...nodeEnvironment, loader: async () => data } });
  channel.send({ type: 'start', spec, settings: benchSettings(c.batch, backend, EPOCHS), dataset: { kind: 'builtin', name: 'mnist' }, baseDir: '.', options: { snapshotEvery } });
  const exit = await done;
  if (exit.reason !== 'completed') throw new Error(exit.message);
  return { rate: bestEpoch(epochs.map((e) => e.seconds), data.info.trainCount), messages };
}

function tensors(tf: Tf, data: LoadedDataset, shape: readonly (number | null)[]): [TF.Tensor, TF.Tensor] {
  const n = data.info.trainCount;
  return [tf.tensor(data.xTrain, [n, ...(shape.slice(1) as number[])]), tf.oneHot(tf.tensor1d(data.yTrain, 'int32'), 10).toFloat()];
}

async function fit(tf: Tf, spec: CompileSpec, c: Case, data: LoadedDataset): Promise<number> {
  const model = buildModel(tf, spec);
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const [x, y] = tensors(tf, data, model.inputs[0].shape);
  const seconds: number[] = [];
  let t0 = 0;
  await model.fit(x, y, { batchSize: c.batch, epochs: EPOCHS, shuffle: true, verbose: 0, callbacks: { onEpochBegin: async () => void (t0 = performance.now()), onEpochEnd: async () => void seconds.push((performance.now() - t0) / 1000) } });
  tf.dispose([x, y]);
  model.dispose();
  return bestEpoch(seconds, data.info.trainCount);
}

/** The engine's training step alone, on the case's data: what the bare-step and profile figures run. */
function stepRig(tf: Tf, backend: BackendName, spec: CompileSpec, c: Case, data: LoadedDataset) {
  const rows = rowReader(tf, backend);
  const random = new SeededRandom(1);
  const model = random.run(() => buildModel(tf, spec));
  const settings = benchSettings(c.batch, 'cpu', EPOCHS);
  const objective = createObjective(tf, settings, data.info, model.outputs[0].shape);
  const optimizer = createOptimizer(tf, settings);
  const stepper = createStepper(tf, model, objective, optimizer, random);
  const [x, y] = tensors(tf, data, model.inputs[0].shape);
  const batches = Math.ceil(data.info.trainCount / c.batch);
  return {
    batches,
    /** Trains batch b; returns the loss tensor, which the caller reads or disposes. */
    step(b: number): TF.Scalar {
      const size = Math.min(c.batch, data.info.trainCount - b * c.batch);
      const r = stepper.run(() => [rows(x, b * c.batch, size), rows(y, b * c.batch, size)], false);
      tf.dispose([...r.metrics]);
      return r.loss;
    },
    dispose() {
      tf.dispose([x, y]);
      optimizer.dispose();
      model.dispose();
    },
  };
}

async function bareStep(tf: Tf, backend: BackendName, spec: CompileSpec, c: Case, data: LoadedDataset): Promise<number> {
  const rig = stepRig(tf, backend, spec, c, data);
  const seconds: number[] = [];
  for (let e = 0; e < EPOCHS; e++) {
    const t0 = performance.now();
    for (let b = 0; b < rig.batches; b++) {
      const loss = rig.step(b);
      if (b % 50 === 49 || b === rig.batches - 1) await loss.data();
      loss.dispose();
    }
    seconds.push((performance.now() - t0) / 1000);
  }
  rig.dispose();
  return bestEpoch(seconds, data.info.trainCount);
}

/** --profile: where a step's time goes, by tfjs kernel (tf.profile over 20 steps after 5 of warm-up). */
async function kernelProfile(tf: Tf, backend: BackendName, spec: CompileSpec, c: Case, data: LoadedDataset): Promise<string> {
  const rig = stepRig(tf, backend, spec, c, data);
  const STEPS = 20;
  for (let b = 0; b < 5; b++) await rig.step(b % rig.batches).data();
  const t0 = performance.now();
  const profile = await tf.profile(async () => {
    for (let b = 0; b < STEPS; b++) rig.step(b % rig.batches).dispose();
  });
  const wall = (performance.now() - t0) / STEPS;
  rig.dispose();
  const by = new Map<string, { ms: number; n: number }>();
  for (const k of profile.kernels) {
    const e = by.get(k.name) ?? { ms: 0, n: 0 };
    e.ms += (k.kernelTimeMs as number) / STEPS;
    e.n += 1 / STEPS;
    by.set(k.name, e);
  }
  const inKernels = [...by.values()].reduce((a, e) => a + e.ms, 0);
  const top = [...by.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8).map(([name, e]) => `${name} ${e.ms.toFixed(2)} ms (${Math.round(e.n)}×)`);
  const count = Math.round(profile.kernels.length / STEPS);
  return `    profile: ${wall.toFixed(1)} ms per step (with profiling), ${count} kernels, ${inKernels.toFixed(1)} ms inside them; top: ${top.join(', ')}`;
}

const fmt = (v: number | string) => (typeof v === 'string' ? v : Math.round(v).toLocaleString('en-US'));

async function main(): Promise<void> {
  console.log(`Engine throughput, samples/s (fastest epoch after the first; epochs of ${SAMPLES.toLocaleString('en-US')} samples, ${EPOCHS} per run, best of ${REPEATS})${quick ? ' [quick]' : ''}`);
  const rows: string[][] = [];
  const reference = args.includes('--no-reference') ? 'skipped (--no-reference)' : torchReference({ samples: SAMPLES, epochs: EPOCHS, repeats: REPEATS, models: [...new Set(CASES.map((c) => c.torch))] });
  if (typeof reference === 'string') console.log(`PyTorch CPU reference: ${reference}`);
  else console.log(`PyTorch CPU reference: torch ${reference.version}, ${reference.threads} thread(s), same epochs: ${[...reference.rates].map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
  for (const backend of BACKENDS) {
    let tf: Tf;
    let device: string;
    try {
      // One process, one tfjs: the wasm build (threads or not) is chosen once, for the CNN rows (the app chooses per run, and runs dense-only models on one thread).
      const sel = await selectNodeBackend(backend, undefined, { convolutional: CASES.some((c) => c.torch !== 'mlp') });
      tf = sel.backend.tf;
      device = sel.backend.device;
    } catch (err) {
      console.log(`- ${backend}: skipped (${(err as Error).message})`);
      continue;
    }
    console.log(`- ${backend}: ${device}`);
    for (const c of CASES) {
      if (backend === 'cpu' && c.torch !== 'mlp' && !only) {
        // The plain-JS backend needs minutes per CNN epoch, and the ladder puts CNNs on wasm now; --backend cpu still measures them.
        console.log(`  ${c.name}: skipped on cpu (minutes per epoch; run with --backend cpu to measure it)`);
        continue;
      }
      const data = randomMnist(Math.max(c.batch * 8, Math.round(SAMPLES * BACKEND_SCALE[backend] * (backend === 'cpu' || backend === 'wasm' ? c.scale : 1))));
      const spec = specOf(c.doc);
      let messages = 0;
      const measures = {
        fit: () => fit(tf, spec, c, data),
        engine: () => engine(c, backend, data, 50).then((r) => ((messages = r.messages), r.rate)),
        quiet: () => engine(c, backend, data, 0).then((r) => r.rate),
        step: () => bareStep(tf, backend, spec, c, data),
      };
      // Interleaved and best of REPEATS: other work on a shared machine slows single runs, never speeds them up.
      const best: Record<keyof typeof measures, number | string> = { fit: 0, engine: 0, quiet: 0, step: 0 };
      for (let r = 0; r < REPEATS; r++) {
        for (const key of Object.keys(measures) as (keyof typeof measures)[]) {
          if (typeof best[key] === 'string') continue;
          try {
            best[key] = Math.max(best[key] as number, await measures[key]());
          } catch (err) {
            const msg = (err as Error).message;
            best[key] = `n/a (${/Kernel '(\w+)'|the (\w+) kernel/.exec(msg)?.slice(1).find(Boolean) ?? msg.split('\n')[0].slice(0, 40)})`;
          }
        }
      }
      const [fitRate, engineRate, quietRate, stepRate] = [fmt(best.fit), fmt(best.engine), fmt(best.quiet), fmt(best.step)];
      const num = (v: string) => Number(v.replace(/,/g, ''));
      const ratio = Number.isFinite(num(engineRate) / num(fitRate)) ? `${(num(engineRate) / num(fitRate)).toFixed(2)}×` : '';
      const torchRate = typeof reference === 'string' ? undefined : reference.rates.get(`${c.torch}:${c.batch}`);
      const vsTorch = torchRate && typeof best.engine === 'number' ? `${(best.engine / torchRate).toFixed(2)}×` : '';
      rows.push([backend, c.name, engineRate, quietRate, fitRate, ratio, stepRate, torchRate ? fmt(torchRate) : 'n/a', vsTorch, messages ? String(messages) : '']);
      console.log(`  ${c.name}: engine ${engineRate}, without snapshots ${quietRate}, fit ${fitRate}, step ${stepRate}`);
      if (args.includes('--profile')) console.log(await kernelProfile(tf, backend, spec, c, data));
    }
  }
  const head = ['backend', 'model', 'engine', 'no snapshots', 'fit', 'engine/fit', 'step', 'PyTorch CPU', 'engine/PyTorch', 'msgs'];
  const table = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  console.log('\n' + table.map((r, k) => `| ${r.map((v, i) => v.padEnd(widths[i])).join(' | ')} |${k === 0 ? `\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|` : ''}`).join('\n'));
}

await main();
