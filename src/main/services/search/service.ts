/**
 * Runs hyperparameter searches on the host: each fold of each trial is an
 * ordinary run started through the TrainingService (so it trains in a real
 * trainer process, shows in the runs list and keeps its weights), one after
 * another. bench/search.ts measured two at a time on 2 cores: 0.64x the
 * time for tiny runs, where starting a process and loading data dominate,
 * but 0.97x for LeNet, whose convolutions already use both cores. One at a
 * time keeps each trial's seconds comparable and memory to one trainer, so
 * a search never overlaps its runs.
 *
 * The record (searches/<id>.json) is rewritten after every fold: a search
 * stopped, or cut short by a crash, resumes with the folds not yet done.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { analyze } from '../../../shared/analysis/analyze.ts';
import type { GraphDoc } from '../../../shared/document/schema.ts';
import type { FoldResult, SearchHostEvent, SearchRecord, SearchSummary, StartSearchRequest, StartSearchResult, TrialRecord } from '../../../shared/protocol/search-api.ts';
import { ApiError } from '../../../shared/protocol/api.ts';
import type { EpochRecord } from '../../../shared/protocol/trainer.ts';
import { applyTrial } from '../../../shared/search/apply.ts';
import { checkSearch } from '../../../shared/search/check.ts';
import { expandTrials } from '../../../shared/search/expand.ts';
import { bestTrial, keptFigures, scoreOf } from '../../../shared/search/score.ts';
import type { SearchSpec } from '../../../shared/search/spec.ts';
import { writeFileAtomic } from '../projects/atomic-write.ts';
import type { TrainingService } from '../runs/index.ts';
import { newRunId, isRunId } from '../training/index.ts';

export interface SearchServiceOptions {
  /** The searches folder, e.g. <configDir>/searches. */
  readonly dir: string;
  readonly training: TrainingService;
  readonly log?: (message: string) => void;
}

/** A search record on disk still marked as going, whose host is gone, reads as stopped with this message. */
export const INTERRUPTED_MESSAGE = 'Netwright closed while this search was running; resume it to run the trials not yet done.';

function foldsOf(spec: SearchSpec): number {
  return spec.validation.kind === 'kfold' ? spec.validation.folds : 1;
}

function epochsOf(list: { readonly kept: readonly EpochRecord[]; readonly pending: readonly EpochRecord[] }): EpochRecord[] {
  return [...list.kept, ...list.pending];
}

/** Whether a fold still has to run (a fold stopped by the user is run again on resume). */
function toRun(f: FoldResult): boolean {
  return f.status === 'pending' || f.status === 'running';
}

class LiveSearch {
  record: SearchRecord;
  private stopping = false;
  private paused: { resume: () => void; wait: Promise<void> } | null = null;
  readonly finished: Promise<void>;

  constructor(
    record: SearchRecord,
    private readonly service: SearchService,
    private readonly baseDir: string,
  ) {
    this.record = { ...record, status: 'running', endedAt: null, message: null };
    this.finished = this.loop().catch((err: unknown) => {
      this.update({ status: 'failed', message: `The search failed: ${(err as Error).message}`, current: null, endedAt: new Date().toISOString() });
      return this.service.save(this.record);
    });
  }

  private update(patch: Partial<SearchRecord>): void {
    this.record = { ...this.record, ...patch };
    this.service.emit(this.record);
  }

  private setTrial(trial: TrialRecord): void {
    this.update({ trials: this.record.trials.map((t) => (t.index === trial.index ? trial : t)) });
  }

  pause(): void {
    if (this.record.status !== 'running' || this.paused) return;
    let resume = () => {};
    const wait = new Promise<void>((done) => (resume = done));
    this.paused = { resume, wait };
    this.update({ status: 'paused' });
    const runId = this.record.current?.runId;
    if (runId) void this.service.training.pause(runId).catch(() => {});
  }

  resume(): void {
    if (!this.paused) return;
    const { resume } = this.paused;
    this.paused = null;
    this.update({ status: 'running' });
    const runId = this.record.current?.runId;
    if (runId) void this.service.training.resume(runId).catch(() => {});
    resume();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const runId = this.record.current?.runId;
    this.paused?.resume();
    if (runId) await this.service.training.stop(runId).catch(() => {});
    await this.finished;
  }

  private async loop(): Promise<void> {
    const { spec, doc } = this.record;
    const folds = foldsOf(spec);
    await this.service.save(this.record);
    for (const trial of this.record.trials) {
      if (trial.status === 'skipped' || trial.status === 'done' || trial.status === 'failed') continue;
      const trialDoc = applyTrial(doc, spec, trial);
      for (let fold = 0; fold < folds; fold++) {
        const current = this.record.trials[trial.index];
        if (!toRun(current.folds[fold])) continue;
        if (this.paused) await this.paused.wait;
        if (this.stopping) break;
        await this.runFold(current, trialDoc, fold, folds);
        if (this.stopping) break;
      }
      if (this.stopping) break;
      const ran = this.record.trials[trial.index];
      const score = scoreOf(ran.folds, spec.rankBy);
      const failed = ran.folds.filter((f) => f.status === 'failed');
      this.setTrial({
        ...ran,
        score,
        status: score ? 'done' : 'failed',
        message: failed.length ? failed.map((f) => (folds > 1 ? `fold ${f.fold + 1}: ${f.message}` : f.message)).join('; ') : null,
      });
      await this.service.save(this.record);
    }
    const best = bestTrial(this.record.trials, spec.rankBy);
    this.update({
      status: this.stopping ? 'stopped' : best ? 'completed' : 'failed',
      current: null,
      endedAt: new Date().toISOString(),
      message: this.stopping ? 'Stopped; resume to run the trials not yet done.' : best ? null : 'No trial gave a score: see each trial’s message.',
    });
    await this.service.save(this.record);
  }

  private async runFold(trial: TrialRecord, trialDoc: GraphDoc, fold: number, folds: number): Promise<void> {
    const started = performance.now();
    const tag = { searchId: this.record.id, trial: trial.index, fold, folds };
    const setFold = (result: FoldResult) => {
      const t = this.record.trials[trial.index];
      const list = t.folds.map((f) => (f.fold === fold ? result : f));
      this.setTrial({ ...t, status: 'running', folds: list, seconds: list.reduce((a, f) => a + f.seconds, 0) });
    };
    this.update({ current: { trial: trial.index, fold, runId: null } });
    const training = this.service.training;
    const start = await training.start(
      {
        doc: trialDoc,
        projectPath: this.record.projectPath,
        ...(this.record.backend ? { backend: this.record.backend } : {}),
        ...(folds > 1 ? { fold: { index: fold, of: folds } } : {}),
        search: tag,
      },
      this.baseDir,
    );
    if (!start.ok) {
      setFold({ fold, runId: null, status: 'failed', figures: null, epochs: 0, seconds: 0, message: start.message });
      this.done(1);
      return;
    }
    const runId = start.runId;
    this.update({ current: { trial: trial.index, fold, runId } });
    setFold({ fold, runId, status: 'running', figures: null, epochs: 0, seconds: 0, message: null });
    // A pause asked for before the run existed reaches it now.
    if (this.paused) void training.pause(runId).catch(() => {});
    const record = await training.whenExited(runId);
    const seconds = (performance.now() - started) / 1000;
    const exit = record?.run.exit;
    const epochs = record ? epochsOf(record.run.epochs) : [];
    const figures = record ? keptFigures(epochs, trialDoc.training) : null;
    const value = figures?.[this.record.spec.rankBy];
    if (!exit || exit.reason === 'stopped') {
      // Stopped by the user: run again on resume.
      setFold({ fold, runId, status: 'pending', figures: null, epochs: epochs.length, seconds: 0, message: null });
      this.update({ seconds: this.record.seconds + seconds });
      return;
    }
    const ok = (exit.reason === 'completed' || exit.reason === 'early-stopped') && value !== null && value !== undefined && Number.isFinite(value);
    const message = ok ? null : exit.reason === 'completed' || exit.reason === 'early-stopped' ? `${this.record.spec.rankBy} is ${value ?? 'missing'} after ${epochs.length} epochs` : exit.message;
    setFold({ fold, runId, status: ok ? 'done' : 'failed', figures, epochs: epochs.length, seconds, message });
    this.update({ seconds: this.record.seconds + seconds });
    this.done(1);
    await this.service.save(this.record);
  }

  private done(n: number): void {
    this.update({ foldsDone: this.record.foldsDone + n });
  }
}

export class SearchService {
  readonly training: TrainingService;
  private readonly dir: string;
  private readonly live = new Map<string, LiveSearch>();
  private readonly listeners = new Set<(event: SearchHostEvent) => void>();
  private readonly log: (message: string) => void;
  private writes = new Map<string, Promise<void>>();

  constructor(options: SearchServiceOptions) {
    this.dir = options.dir;
    this.training = options.training;
    this.log = options.log ?? ((m) => process.stderr.write(m + '\n'));
  }

  onEvent(listener: (event: SearchHostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks the search, records it with every trial pending (or skipped when its graph cannot be built) and starts it. */
  async start(request: StartSearchRequest, baseDir: string): Promise<StartSearchResult> {
    const spec = (request.doc as GraphDoc & { search?: SearchSpec }).search;
    if (!spec) return { ok: false, message: 'This project has no search: add one in the Search tab first.' };
    const errors = analyze(request.doc).diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) return { ok: false, message: `Fix the graph before searching: ${errors[0].message}` };
    const checked = checkSearch(request.doc, spec);
    const error = checked.problems.find((p) => p.severity === 'error');
    if (error) return { ok: false, message: error.message };
    const folds = foldsOf(spec);
    const trials: TrialRecord[] = expandTrials(spec)
      .slice(0, request.maxTrials ?? Number.POSITIVE_INFINITY)
      .map((t) => {
        const ok = !checked.broken.has(t.index);
        return {
          index: t.index,
          values: t.values,
          status: ok ? 'pending' : 'skipped',
          folds: ok ? Array.from({ length: folds }, (_, fold) => ({ fold, runId: null, status: 'pending' as const, figures: null, epochs: 0, seconds: 0, message: null })) : [],
          score: null,
          params: ok ? analyze(applyTrial(request.doc, spec, t)).summary.totalParams : 0,
          seconds: 0,
          message: ok ? null : (checked.broken.get(t.index) ?? null),
        };
      });
    const id = newRunId();
    const record: SearchRecord = {
      format: 1,
      id,
      title: request.doc.meta.name || 'Untitled',
      projectPath: request.projectPath,
      startedAt: new Date().toISOString(),
      endedAt: null,
      doc: request.doc,
      spec,
      status: 'running',
      trials,
      current: null,
      foldsTotal: trials.filter((t) => t.status === 'pending').length * folds,
      foldsDone: 0,
      seconds: 0,
      message: null,
      ...(request.backend ? { backend: request.backend } : {}),
    };
    this.begin(record, baseDir);
    return { ok: true, searchId: id };
  }

  private begin(record: SearchRecord, baseDir: string): LiveSearch {
    const live = new LiveSearch(record, this, baseDir);
    this.live.set(record.id, live);
    void live.finished.then(() => this.live.delete(record.id));
    return live;
  }

  /** Resolves when the search has ended (completed, failed or stopped). */
  async whenEnded(id: string): Promise<SearchRecord | null> {
    const live = this.live.get(id);
    if (live) {
      await live.finished;
      return live.record;
    }
    return this.read(id);
  }

  async pause(id: string): Promise<void> {
    (await this.liveOrStored(id))?.pause();
  }

  /** Goes on after a pause; a stopped or interrupted search starts again with the folds not yet done. */
  async resume(id: string, baseDir: string): Promise<void> {
    const live = this.live.get(id);
    if (live) return live.resume();
    const record = await this.read(id);
    if (!record) throw new ApiError('invalid-arguments', `no search ${JSON.stringify(id)}`);
    if (record.status === 'completed') return;
    this.begin(record, baseDir);
  }

  async stop(id: string): Promise<void> {
    await (await this.liveOrStored(id))?.stop();
  }

  async get(id: string): Promise<SearchRecord | null> {
    return this.live.get(id)?.record ?? (await this.read(id));
  }

  /** Every search on disk or running, newest first, read once each. */
  async records(): Promise<SearchRecord[]> {
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch {
      names = [];
    }
    const ids = new Set([...names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).filter(isRunId), ...this.live.keys()]);
    const records = await Promise.all([...ids].map((id) => this.get(id)));
    return records.filter((r): r is SearchRecord => r !== null).sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  }

  async list(): Promise<readonly SearchSummary[]> {
    return (await this.records()).map(({ doc: _doc, trials, ...rest }) => ({ ...rest, best: bestTrial(trials, rest.spec.rankBy) }));
  }

  async delete(id: string): Promise<void> {
    await this.stop(id);
    await this.writes.get(id);
    await rm(this.file(id), { force: true });
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.live.values()].map((s) => s.stop()));
  }

  emit(record: SearchRecord): void {
    const { doc: _doc, ...rest } = record;
    const event: SearchHostEvent = { type: 'search', searchId: record.id, record: rest };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.log(`netwright: a search event listener failed: ${(err as Error).message}`);
      }
    }
  }

  /** Writes the record; writes of one search are applied in order. */
  save(record: SearchRecord): Promise<void> {
    const previous = this.writes.get(record.id) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        await mkdir(this.dir, { recursive: true });
        await writeFileAtomic(this.file(record.id), JSON.stringify(record));
      })
      .catch((err: unknown) => this.log(`netwright: could not save search ${record.id}: ${(err as Error).message}`));
    this.writes.set(record.id, next);
    return next;
  }

  private file(id: string): string {
    if (!isRunId(id)) throw new ApiError('invalid-arguments', `not a search id: ${JSON.stringify(id)}`);
    return join(this.dir, `${id}.json`);
  }

  private async read(id: string): Promise<SearchRecord | null> {
    let record: SearchRecord;
    try {
      record = JSON.parse(await readFile(this.file(id), 'utf8')) as SearchRecord;
    } catch {
      return null;
    }
    if (record.format !== 1) return null;
    if (record.status === 'running' || record.status === 'paused') {
      // Its host is gone (this one would have it live): the fold in progress runs again on resume.
      return {
        ...record,
        status: 'stopped',
        current: null,
        message: INTERRUPTED_MESSAGE,
        trials: record.trials.map((t) => (t.status === 'running' ? { ...t, folds: t.folds.map((f) => (f.status === 'running' ? { ...f, status: 'pending' } : f)) } : t)),
      };
    }
    return record;
  }

  private async liveOrStored(id: string): Promise<LiveSearch | null> {
    const live = this.live.get(id);
    if (live) return live;
    if (await this.read(id)) return null;
    throw new ApiError('invalid-arguments', `no search ${JSON.stringify(id)}`);
  }
}
