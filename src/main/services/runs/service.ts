/**
 * Training as the host API offers it: start a run from a graph, forward its
 * events to every window, record it (RunStore) while it goes and after it
 * ends, pause/resume/stop it, list, fetch and delete runs, and predict with a
 * finished run's weights. One instance per host process (Electron main or
 * `netwright serve`), shared by all its windows.
 */
import type { Diagnostic } from '../../../shared/analysis/index.ts';
import { ApiError } from '../../../shared/protocol/api.ts';
import type { DatasetInfo } from '../../../shared/protocol/datasets.ts';
import type { TrainerEvent, Tuning } from '../../../shared/protocol/trainer.ts';
import type { PredictResult, RunRecord, RunSummary, StartTrainingRequest, StartTrainingResult, TrainingHostEvent } from '../../../shared/protocol/training-api.ts';
import { emptyRunState, isEnded, planRun, summaryOf } from '../../../shared/run/index.ts';
import { describeDataset, isDatasetError } from '../datasets/index.ts';
import { newRunId, TrainingHost, type TrainingRun } from '../training/index.ts';
import { ModelCache } from './predict.ts';
import { newestFirst, RunStore } from './store.ts';

/** While a run goes, its record reaches the disk at most this often (and once more when it ends). */
export const RECORD_INTERVAL_MS = 2000;
/** Batches between weight snapshots (the trainer also keeps them at least a second apart). */
const SNAPSHOT_EVERY = 50;

export interface TrainingServiceOptions {
  /** The runs folder, e.g. <configDir>/runs. */
  readonly runsDir: string;
  /** The trainer launcher; a default TrainingHost forks src/main/trainer/child.ts. */
  readonly host?: TrainingHost;
  readonly log?: (message: string) => void;
}

/** "Cannot train: …" with the first error, so the message says what to fix first. */
export function cannotTrainMessage(errors: readonly Diagnostic[]): string {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  return `The network cannot train until this is fixed: ${errors[0]?.message ?? 'it does not compile'}${more}`;
}

/** What a run's record holds besides its state: fixed when it starts, but for the end time. */
type RunMeta = Omit<RunRecord, 'run'>;

/** A run this process is training: its trainer (which folds its state), its record's other fields and the pending disk write. */
class LiveRun {
  readonly finished: Promise<void>;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastWrite = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly run: TrainingRun,
    private meta: RunMeta,
    private readonly store: RunStore,
    private readonly log: (message: string) => void,
  ) {
    this.finished = run.done.then(() => {
      this.meta = { ...this.meta, endedAt: new Date().toISOString() };
      return this.flush();
    });
  }

  get id(): string {
    return this.meta.id;
  }

  /** The record as it stands: a copy to write or send; later events do not change it. */
  record(): RunRecord {
    return { ...this.meta, run: this.run.state };
  }

  /** Called after each event: writes now if the last write is old enough, else once the interval is up. */
  touch(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastWrite + RECORD_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, wait);
  }

  private async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.write();
  }

  private write(): Promise<void> {
    this.lastWrite = Date.now();
    const record = this.record();
    this.writing = this.writing
      .then(() => this.store.write(record))
      .catch((err: unknown) => this.log(`netwright: could not save run ${record.id}: ${(err as Error).message}`));
    return this.writing;
  }
}

export class TrainingService {
  readonly store: RunStore;
  private readonly host: TrainingHost;
  private readonly live = new Map<string, LiveRun>();
  private readonly listeners = new Set<(event: TrainingHostEvent) => void>();
  private readonly models = new ModelCache();
  private readonly log: (message: string) => void;

  constructor(options: TrainingServiceOptions) {
    this.store = new RunStore(options.runsDir, (id) => this.live.has(id));
    this.host = options.host ?? new TrainingHost();
    this.log = options.log ?? ((m) => process.stderr.write(m + '\n'));
  }

  /** Every trainer event of every run; returns the unsubscribe function. */
  onEvent(listener: (event: TrainingHostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Compiles the graph, checks the dataset loads, records the run and starts a
   * trainer. `baseDir` is the folder relative dataset paths are read from;
   * the caller has already checked that the host may read them.
   */
  async start(request: StartTrainingRequest, baseDir: string): Promise<StartTrainingResult> {
    const { doc } = request;
    const plan = planRun(doc, request);
    if (!plan.ok) return { ok: false, message: plan.reason === 'errors' ? cannotTrainMessage(plan.diagnostics) : 'Choose a dataset in the Data panel before training.' };
    const { spec, settings, dataset } = plan;
    let info: DatasetInfo;
    try {
      info = await describeDataset(dataset, { baseDir, seed: settings.seed });
    } catch (err) {
      if (isDatasetError(err)) return { ok: false, message: err.message };
      throw err;
    }
    const id = newRunId();
    const meta: RunMeta = {
      format: 2,
      id,
      title: doc.meta.name || 'Untitled',
      projectPath: request.projectPath,
      startedAt: new Date().toISOString(),
      endedAt: null,
      doc,
      settings,
      dataset,
      datasetInfo: info,
      ...(request.search ? { search: request.search } : {}),
    };
    await this.store.write({ ...meta, run: emptyRunState() });
    const run = this.host.start({ spec, settings, dataset, baseDir, options: { saveDir: this.store.modelDir(id), snapshotEvery: SNAPSHOT_EVERY, ...(request.fold ? { fold: request.fold } : {}), ...(request.stepsPerSecond != null ? { stepsPerSecond: request.stepsPerSecond } : {}) } }, id);
    const live = new LiveRun(run, meta, this.store, this.log);
    this.live.set(id, live);
    run.onEvent((event) => this.receive(live, event));
    void live.finished.then(() => this.live.delete(id));
    return { ok: true, runId: id };
  }

  async pause(id: string): Promise<void> {
    const live = await this.liveOrEnded(id);
    live?.run.pause();
  }

  async resume(id: string): Promise<void> {
    const live = await this.liveOrEnded(id);
    live?.run.resume();
  }

  async setSpeed(id: string, stepsPerSecond: number | null): Promise<void> {
    const live = await this.liveOrEnded(id);
    live?.run.setSpeed(stepsPerSecond);
  }

  async step(id: string): Promise<void> {
    const live = await this.liveOrEnded(id);
    live?.run.step();
  }

  async tune(id: string, tuning: Tuning): Promise<void> {
    const live = await this.liveOrEnded(id);
    live?.run.tune(tuning);
  }

  async probe(id: string, sample: number): Promise<void> {
    const live = await this.liveOrEnded(id);
    live?.run.probe(sample);
  }

  /** Resolves once the trainer has exited and the final record is on disk. */
  async stop(id: string): Promise<void> {
    const live = await this.liveOrEnded(id);
    if (!live) return;
    await live.run.stop();
    await live.finished;
  }

  /** Resolves once the run has exited and its final record is on disk, with that record; null for an unknown run. */
  async whenExited(id: string): Promise<RunRecord | null> {
    await this.live.get(id)?.finished;
    return this.store.read(id);
  }

  async list(): Promise<readonly RunSummary[]> {
    const onDisk = await this.store.list();
    // A live run's line is fresher in memory than in its last write.
    const fresh = (id: string) => {
      const live = this.live.get(id);
      return live ? summaryOf(live.record()) : undefined;
    };
    const lines = onDisk.map((s) => fresh(s.id) ?? s);
    for (const id of this.live.keys()) if (!lines.some((s) => s.id === id)) lines.push(fresh(id)!);
    return lines.sort(newestFirst);
  }

  async get(id: string): Promise<RunRecord | null> {
    return this.live.get(id)?.record() ?? (await this.store.read(id));
  }

  async delete(id: string): Promise<void> {
    const live = this.live.get(id);
    if (live) {
      await live.run.stop();
      await live.finished;
    } else if (!(await this.store.read(id))) {
      throw new ApiError('invalid-arguments', `deleteRun: no run ${JSON.stringify(id)}`);
    }
    await this.models.evict(id);
    await this.store.delete(id);
  }

  async predict(id: string, inputs: readonly (readonly number[])[]): Promise<PredictResult> {
    const live = this.live.get(id);
    // Right after its exit event a run is still finishing its record; its weights are already saved.
    if (live && !isEnded(live.run.phase)) return { ok: false, message: 'This run is still training; its weights are saved when it ends.' };
    await live?.finished;
    const record = await this.store.read(id);
    if (!record) return { ok: false, message: `There is no run ${id}; it may have been deleted.` };
    if (!record.run.hasWeights) return { ok: false, message: `This run has no saved weights (it ${record.run.phase === 'completed' ? 'ended' : record.run.phase} before the model was saved).` };
    return this.models.predict(id, this.store.modelDir(id), inputs);
  }

  /** Stops every run (the host is shutting down); resolves when all have exited and been recorded. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.live.values()].map(async (live) => {
      await live.run.stop();
      await live.finished;
    }));
    await this.models.clear();
  }

  private async liveOrEnded(id: string): Promise<LiveRun | null> {
    const live = this.live.get(id);
    if (live) return live;
    if (await this.store.read(id)) return null;
    throw new ApiError('invalid-arguments', `no run ${JSON.stringify(id)}`);
  }

  private receive(live: LiveRun, event: TrainerEvent): void {
    const message: TrainingHostEvent = { type: 'training', runId: live.id, event };
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (err) {
        this.log(`netwright: a training event listener failed: ${(err as Error).message}`);
      }
    }
    if (event.type !== 'exit') live.touch();
  }
}
