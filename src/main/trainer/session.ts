/**
 * One training run from the start command to the exit event: load the data,
 * pick the backend, build and train the model, evaluate, save. Every way out,
 * including an exception, ends in exactly one exit event, and every tensor
 * the run made is released.
 */
import type * as TF from '@tensorflow/tfjs';
import { buildModel } from '../../shared/compile/build-model.ts';
import type { CompileSpec } from '../../shared/compile/spec.ts';
import type { LoadedDataset } from '../../shared/protocol/datasets.ts';
import type { ExitEvent, ExitReason, TrainerCommand, TrainerEvent } from '../../shared/protocol/trainer.ts';
import { BackendUnavailable, type BackendProbe, type Tf } from './backends/types.ts';
import { ActivationProbe } from './activations.ts';
import { BoundaryProbe } from './boundary.ts';
import { boundaryPlan } from './boundary-grid.ts';
import type { RunControl } from './control.ts';
import { uploadData, type DeviceData } from './data.ts';
import { resolveDataset } from './dataset-source.ts';
import { EarlyStopper } from './early-stopping.ts';
import type { TrainerEnvironment } from './environment.ts';
import { evalBatchSize, testReport } from './evaluate.ts';
import { finalBoundary, finalSnapshot, stopMessage, trainLoop, type LoopContext } from './loop.ts';
import { HealthMonitor } from './monitor.ts';
import { chooseEncoding, createObjective, ObjectiveError, type TargetEncoding } from './objective.ts';
import { createOptimizer } from './optimizers.ts';
import { measureRanges } from './ranges.ts';
import { SeededRandom } from './seed.ts';
import { Snapshotter } from './snapshots.ts';
import { createStepper } from './step.ts';
import { LiveTuning, penalizedWeights } from './tuning.ts';

type StartCommand = Extract<TrainerCommand, { type: 'start' }>;

const PROBE_SAMPLES = 256;

/** A failure whose message is already written for the user. */
function isReadable(err: unknown): boolean {
  return err instanceof ObjectiveError || err instanceof BackendUnavailable || (err instanceof Error && err.name === 'DatasetError');
}

function checkSpec(spec: CompileSpec): void {
  if (spec.inputs.length !== 1 || spec.outputs.length !== 1) {
    throw new ObjectiveError(`training needs a model with one input and one output; this one has ${spec.inputs.length} input(s) and ${spec.outputs.length} output(s)`);
  }
}

/** One real training step of a throwaway copy of the model: finds kernels a backend lacks before the run relies on them. */
function probeFor(spec: CompileSpec, settings: StartCommand['settings'], info: Parameters<typeof createObjective>[2]): BackendProbe {
  return async (tf) => {
    const random = new SeededRandom(0);
    const model = random.run(() => buildModel(tf, spec));
    const optimizer = createOptimizer(tf, settings);
    try {
      const objective = createObjective(tf, settings, info, model.outputs[0].shape);
      const stepper = createStepper(tf, model, objective, optimizer, random);
      const shape = (s: readonly (number | null)[]) => [2, ...(s.slice(1) as number[])];
      const r = stepper.run(() => [tf.zeros(shape(model.inputs[0].shape)), tf.zeros(shape(model.outputs[0].shape))], true);
      await r.loss.data();
      tf.dispose([r.loss, ...r.metrics, ...(r.gradNorms ? [r.gradNorms] : [])]);
    } finally {
      optimizer.dispose();
      model.dispose();
    }
  };
}

/** The decision-boundary probe for two-input classification; a model it cannot picture trains without one. */
function boundaryFor(cmd: StartCommand, loaded: LoadedDataset, tf: Tf, model: TF.LayersModel, encoding: TargetEncoding, post: (e: TrainerEvent) => void): BoundaryProbe | null {
  const plan = cmd.options?.boundary === false ? null : boundaryPlan(cmd.dataset, loaded);
  if (!plan) return null;
  try {
    const nodes = new Map(cmd.spec.layers.map((l) => [l.name, l.nodeId]));
    return new BoundaryProbe(tf, model, plan, encoding, (name) => nodes.get(name) ?? name);
  } catch (err) {
    post({ type: 'log', level: 'warn', message: `No decision boundary for this model: ${(err as Error).message}` });
    return null;
  }
}

/** The activations probe for image models; a model it cannot show trains without one. */
function activationsFor(cmd: StartCommand, loaded: LoadedDataset, tf: Tf, model: TF.LayersModel, post: (e: TrainerEvent) => void): ActivationProbe | null {
  if (!loaded.info.isImage || cmd.options?.activations === false || model.inputs.length !== 1) return null;
  try {
    const nodes = new Map(cmd.spec.layers.map((l) => [l.name, l.nodeId]));
    return new ActivationProbe(tf, model, loaded, (name) => nodes.get(name) ?? name);
  } catch (err) {
    post({ type: 'log', level: 'warn', message: `No activations for this model: ${(err as Error).message}` });
    return null;
  }
}

/**
 * Sends the probe's activations with every snapshot (so also for the final
 * weights) and at once when the `probe` command picks another picture, at
 * the newest step the run reported. The forward pass is queued before `post`
 * returns, so the weights are those the snapshot read.
 */
function postingActivations(probe: ActivationProbe, control: RunControl, post: (e: TrainerEvent) => void): { observe: (e: TrainerEvent) => void; finish: () => Promise<void> } {
  let at = { step: 0, epoch: 0 };
  let sent: Promise<void> = Promise.resolve();
  const failed = (err: unknown): TrainerEvent => ({ type: 'log', level: 'warn', message: `Could not read the activations: ${(err as Error).message}` });
  const send = () => {
    // The forward pass starts now, on the weights as they are; the events go out in the order they were asked for.
    const taken = probe.take(at.step, at.epoch).then((e): TrainerEvent => e, failed);
    sent = sent.then(() => taken).then(post);
  };
  control.onProbe((sample) => {
    if (probe.select(sample)) send();
  });
  return {
    observe: (e) => {
      if (e.type === 'progress' || e.type === 'snapshot') at = { step: e.step, epoch: e.epoch };
      if (e.type === 'snapshot') send();
    },
    finish: async () => {
      // After the ones already on their way, so the picked picture's stays the newest.
      await sent;
      const events = await probe.takeEach(at.step, at.epoch).catch((err: unknown) => [failed(err)]);
      for (const e of events) post(e);
    },
  };
}

export async function runSession(cmd: StartCommand, post: (e: TrainerEvent) => void, control: RunControl, env: TrainerEnvironment): Promise<ExitEvent> {
  const { spec, settings } = cmd;
  const options = cmd.options ?? {};
  let epochsCompleted = 0;
  const exit = (reason: ExitReason, message: string): ExitEvent => ({ type: 'exit', reason, message, epochsCompleted });
  const owned: { dispose(): void }[] = [];
  try {
    post({ type: 'status', state: 'loading' });
    checkSpec(spec);
    let lastMessage = '';
    const loaded = await resolveDataset(cmd.dataset, cmd.baseDir, env.loader, (_f, message) => {
      if (message !== lastMessage) post({ type: 'log', level: 'info', message: (lastMessage = message) });
    }, settings.seed);
    const info = loaded.info;
    if (control.stopping) return exit('stopped', 'Stopped before training began.');
    const outputLayer = spec.layers.find((l) => l.name === spec.outputs[0])!;
    chooseEncoding(settings.loss, info, outputLayer.outputShape[outputLayer.outputShape.length - 1] ?? 1);

    const selection = await env.selectBackend(settings.backend, probeFor(spec, settings, info), { convolutional: spec.layers.some((l) => /^conv/.test(l.factory)) });
    const tf = selection.backend.tf;
    if (control.stopping) return exit('stopped', 'Stopped before training began.');
    const random = new SeededRandom(settings.seed);
    const model = random.run(() => buildModel(tf, spec));
    owned.push(model);
    const objective = createObjective(tf, settings, info, model.outputs[0].shape);
    for (const reason of objective.dropped) post({ type: 'log', level: 'warn', message: reason });
    const data: DeviceData = uploadData(tf, loaded, objective, {
      inputShape: model.inputs[0].shape,
      outputShape: model.outputs[0].shape,
      validationSplit: settings.validationSplit,
      validation: options.validation ?? 'split',
      ...(options.fold ? { fold: options.fold } : {}),
      random,
      backend: selection.backend.name,
    });
    owned.push(data);
    const optimizer = createOptimizer(tf, settings);
    owned.push(optimizer);
    const probeX = data.rows(data.train.x, 0, Math.min(PROBE_SAMPLES, data.train.n));
    owned.push({ dispose: () => probeX.dispose() });
    const snapshotEvery = options.snapshotEvery ?? 50;
    const early = settings.earlyStopping ? new EarlyStopper(tf, settings.earlyStopping, !!data.val, objective.metrics.some((m) => m.name === 'accuracy')) : null;
    if (early) owned.push(early);
    if (early?.note) post({ type: 'log', level: 'warn', message: early.note });
    const boundary = boundaryFor(cmd, loaded, tf, model, objective.encoding, post);
    if (boundary) owned.push(boundary);
    const activations = activationsFor(cmd, loaded, tf, model, post);
    if (activations) owned.push(activations);
    const withActivations = activations ? postingActivations(activations, control, post) : null;
    let rate = settings.learningRate;
    const stepper = createStepper(tf, model, objective, optimizer, random, () => tuning.penalty());
    const tuning = new LiveTuning(tf, optimizer, settings, penalizedWeights(stepper.variables));
    owned.push(tuning);
    if (options.stepsPerSecond != null) control.setSpeed(options.stepsPerSecond);
    const ctx: LoopContext = {
      tf,
      model,
      settings,
      objective,
      optimizer,
      stepper,
      data,
      random,
      control,
      monitor: new HealthMonitor(() => rate, () => measureRanges(tf, data.train, model)),
      snapshots: snapshotEvery > 0 ? new Snapshotter(tf, model, spec, info, probeX) : null,
      boundary,
      early,
      post: (e) => {
        if (e.type === 'epochMetrics') rate = e.epochs[e.epochs.length - 1].learningRate;
        if (e.type === 'change' && e.what === 'learningRate') rate = tuning.rate;
        post(e);
        withActivations?.observe(e);
      },
      readIntervalMs: options.readIntervalMs ?? 250,
      snapshotEvery,
      snapshotMinIntervalMs: options.snapshotMinIntervalMs ?? 1000,
      tuning,
    };
    post({
      type: 'ready',
      backend: selection.backend.name,
      device: selection.backend.device,
      skipped: selection.skipped,
      tfVersion: tf.version.tfjs,
      dataset: info,
      trainSamples: data.train.n,
      valSamples: data.val?.n ?? 0,
      batchesPerEpoch: Math.ceil(data.train.n / settings.batchSize),
      epochs: settings.epochs,
      params: model.countParams(),
    });
    control.beginTraining();
    const outcome = await trainLoop(ctx).finally(() => control.endTraining());
    epochsCompleted = outcome.epochsCompleted;
    if (outcome.reason === 'failed') return exit('failed', outcome.message);
    await finalBoundary(ctx, outcome);
    if (outcome.reason !== 'stopped') {
      await finalSnapshot(ctx, outcome);
      // Every candidate once more with the final weights, so the finished run can show any of them.
      if (outcome.steps) await withActivations?.finish();
      post({ type: 'status', state: 'evaluating' });
      const report = await testReport(tf, model, objective, data, info, evalBatchSize(settings.batchSize), options.samplePredictions ?? 24);
      if (report) post(report);
    }
    if (options.saveDir) {
      post({ type: 'status', state: 'saving' });
      const saved = await env.save(tf, model, options.saveDir);
      post({ type: 'savedModel', ...saved, weights: outcome.weights });
      // A stop can come at any batch: say which weights the saved model has.
      if (outcome.reason === 'stopped') return exit('stopped', stopMessage(outcome.weights, true));
    }
    return exit(outcome.reason, outcome.message);
  } catch (err) {
    const message = isReadable(err) ? (err as Error).message : `Training failed: ${(err as Error)?.message ?? String(err)}`;
    post({ type: 'error', message, ...(err instanceof Error && !isReadable(err) && err.stack ? { detail: err.stack } : {}) });
    return exit('failed', message);
  } finally {
    for (const o of owned.reverse()) o.dispose();
  }
}

