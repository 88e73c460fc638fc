/**
 * Training from the designer: starts a run with the document on the canvas,
 * routes the host's `training` events to the run's session by id, and keeps
 * what the dashboard shows: the live run, a past run opened from the list,
 * and a second run whose curves are overlaid.
 *
 * Events can arrive before startTraining answers with the run id (the trainer
 * starts at once), so events of unknown runs are held briefly while a start
 * or a reconnect is in flight, then replayed into the new session.
 */
import type { NetwrightApi } from '../api.ts';
import type { EditorStore } from '../editor/store.ts';
import type { UiState } from '../app/ui-state.svelte.ts';
import type { RunRecord, RunSummary, TrainingApiMethods } from '../../../../shared/protocol/training-api.ts';
import type { TrainerEvent, Tuning } from '../../../../shared/protocol/trainer.ts';
import { defaultSpeed, isEnded } from '../../../../shared/run/index.ts';
import { runLabel } from './format.ts';
import { RunRouter } from './router.ts';
import { TrainingSession } from './session.svelte.ts';

/** The part of NetwrightApi that training needs (tests pass a fake). */
export type TrainingApi = TrainingApiMethods & Pick<NetwrightApi, 'onEvent'>;

/** Past runs kept loaded besides the viewed and compared ones. */
const PAST_KEPT = 4;


export class Trainer {
  /** The run this window started (or found running after a reload); null when none. */
  current = $state.raw<TrainingSession | null>(null);
  /** The run the dashboard shows: usually `current`, or a past run opened from the list. */
  viewing = $state.raw<TrainingSession | null>(null);
  /** A second run whose curves the Curves view overlays. */
  compare = $state.raw<TrainingSession | null>(null);
  runs = $state.raw<readonly RunSummary[]>([]);
  starting = $state(false);
  /** Why the last start failed, shown in the run panel until the next start. */
  startError = $state<string | null>(null);
  /** The pace picked for the next run (steps per second, null: full speed); undefined: the default for the graph and dataset (see speedFor). */
  chosenSpeed = $state<number | null | undefined>(undefined);
  readonly #router = new RunRouter<TrainingSession>((session, event) => this.#deliver(session, event));

  constructor(
    private readonly api: TrainingApi,
    private readonly store: EditorStore,
    private readonly ui: UiState,
  ) {}

  /** True while the current run has not ended. */
  get active(): boolean {
    const c = this.current;
    return !!c && !c.ended;
  }

  /** Subscribes to host events and picks up a run that is still going (after a reload). */
  connect(): () => void {
    const stop = this.api.onEvent((event) => {
      if (event.type === 'training') this.#route(event.runId, event.event);
    });
    void this.#pickUpRunning();
    return stop;
  }

  async start(): Promise<void> {
    if (this.starting || this.active) return;
    this.starting = true;
    this.startError = null;
    const settle = this.#router.expect();
    try {
      const doc = this.store.doc;
      const projectPath = this.store.path;
      const stepsPerSecond = this.nextSpeed;
      const result = await this.api.startTraining({ doc, projectPath, stepsPerSecond });
      if (!result.ok) {
        this.startError = result.message;
        this.ui.showToast('Training did not start — see the Train panel', 'error', 6000);
        return;
      }
      const session = new TrainingSession(result.runId, runLabel(new Date()), true);
      session.dataset = doc.dataset;
      session.projectPath = projectPath;
      session.settings = doc.training;
      session.startSpeed = stepsPerSecond;
      this.#track(session);
      this.current = session;
      this.viewing = session;
      this.ui.dock = true;
      if (this.ui.dockTab === 'runs') this.ui.dockTab = 'curves';
    } catch (err) {
      this.startError = (err as Error).message;
    } finally {
      settle();
      this.starting = false;
    }
  }

  async pause(): Promise<void> {
    if (this.active && this.current) await this.#call(() => this.api.pauseTraining(this.current!.id));
  }

  async resume(): Promise<void> {
    if (this.active && this.current) await this.#call(() => this.api.resumeTraining(this.current!.id));
  }

  /** The pace the next run starts at: the one picked, else watchable for a small network on a small generated set. */
  get nextSpeed(): number | null {
    return this.chosenSpeed !== undefined ? this.chosenSpeed : defaultSpeed(this.store.analysis.summary.totalParams, this.store.doc.dataset);
  }

  /** The pace shown: the live run's, else the next run's. */
  get speed(): number | null {
    return this.active && this.current?.liveValues ? this.current.liveValues.stepsPerSecond : this.nextSpeed;
  }

  /** Picks the pace: for the live run from its next batch, and for the runs after it. */
  async setSpeed(stepsPerSecond: number | null): Promise<void> {
    this.chosenSpeed = stepsPerSecond;
    if (this.active && this.current) await this.#call(() => this.api.setTrainingSpeed(this.current!.id, stepsPerSecond));
  }

  /** While paused: one batch. */
  async step(): Promise<void> {
    if (this.active && this.current?.phase === 'paused') await this.#call(() => this.api.stepTraining(this.current!.id));
  }

  /** Changes the live run's learning rate or L1/L2 rates from its next batch. */
  async tune(tuning: Tuning): Promise<void> {
    if (this.active && this.current) await this.#call(() => this.api.tuneTraining(this.current!.id, tuning));
  }

  async togglePause(): Promise<void> {
    if (this.current?.phase === 'paused') await this.resume();
    else await this.pause();
  }

  async stop(): Promise<void> {
    if (this.active && this.current) await this.#call(() => this.api.stopTraining(this.current!.id));
  }

  async refreshRuns(): Promise<void> {
    try {
      this.runs = await this.api.listRuns();
    } catch {
      // The list stays as it was; the host may be reconnecting.
    }
  }

  /** Shows a run in the dashboard: the live one as is, a past one loaded from its record. */
  async open(runId: string): Promise<void> {
    const session = await this.#session(runId);
    if (session) this.viewing = session;
    if (this.compare === session) this.compare = null;
  }

  /** Overlays a run's curves on the viewed run's; null removes the overlay. */
  async overlay(runId: string | null): Promise<void> {
    if (runId === null) {
      this.compare = null;
      return;
    }
    const session = await this.#session(runId);
    if (session && session !== this.viewing) this.compare = session;
  }

  /** Puts a run's graph on the canvas as one undoable edit, asking first when there is unsaved work. */
  async restore(runId: string): Promise<void> {
    const record = await this.#record(runId);
    if (!record) return;
    if (this.store.dirty) {
      const choice = await this.ui.confirm('Restore the run’s graph', `The canvas has unsaved changes. Replace its graph with the one “${record.title}” trained? Undo brings the current graph back.`, ['Restore', 'Cancel']);
      if (choice !== 'Restore') return;
    }
    this.store.commit('Restore run graph', record.doc, 'now', { nodes: [], edges: [] });
    this.ui.showToast('Restored the run’s graph (Undo to go back)');
  }

  async remove(runId: string): Promise<void> {
    await this.#call(() => this.api.deleteRun(runId));
    this.#router.get(runId)?.dispose();
    this.#router.release(runId);
    if (this.viewing?.id === runId) this.viewing = this.current && this.current.id !== runId ? this.current : null;
    if (this.compare?.id === runId) this.compare = null;
    if (this.current?.id === runId) this.current = null;
    await this.refreshRuns();
  }

  /** Softmax outputs of the run's saved model, or a message saying why not. */
  async predict(runId: string, inputs: readonly (readonly number[])[]): Promise<{ ok: true; outputs: readonly (readonly number[])[] } | { ok: false; message: string }> {
    try {
      return await this.api.predict(runId, inputs);
    } catch (err) {
      return { ok: false, message: (err as Error).message };
    }
  }

  /** Loads the run's dataset preview once (the boundary view draws its points). */
  async loadPreview(session: TrainingSession): Promise<void> {
    if (session.preview || !session.dataset || session.previewRequested) return;
    session.previewRequested = true;
    try {
      const result = await this.api.previewDataset(session.dataset, session.projectPath);
      if (result.ok) session.preview = result.preview;
    } catch {
      // The boundary is still drawn, without points.
    }
  }

  async exportModel(runId: string, dir: string): Promise<boolean> {
    try {
      const result = await this.api.exportTrainedModel(runId, dir);
      if (!result.ok) {
        this.ui.banner = { kind: 'error', title: 'Export of the trained model failed', message: result.message };
        return false;
      }
      this.ui.showToast(`Exported ${result.files.length} files to ${result.dir}`);
      return true;
    } catch (err) {
      this.ui.banner = { kind: 'error', title: 'Export of the trained model failed', message: (err as Error).message };
      return false;
    }
  }

  #route(runId: string, event: TrainerEvent): void {
    // Another window's run: the list shows it once it ends.
    if (this.#router.route(runId, event) === 'dropped' && event.type === 'exit') void this.refreshRuns();
  }

  #deliver(session: TrainingSession, event: TrainerEvent): void {
    session.apply(event);
    if (event.type === 'exit') this.#ended(session, event.message, event.reason);
  }

  #track(session: TrainingSession): TrainingSession {
    this.#router.claim(session.id, session);
    this.#evict();
    return session;
  }

  /** Ended runs out of sight are dropped again, oldest first, beyond a few. */
  #evict(): void {
    const spare = this.#router.targets().filter((s) => s.ended && s !== this.current && s !== this.viewing && s !== this.compare);
    for (const s of spare.slice(0, Math.max(0, spare.length - PAST_KEPT))) {
      s.dispose();
      this.#router.release(s.id);
    }
  }

  #ended(session: TrainingSession, message: string, reason: string): void {
    if (session === this.current) {
      if (reason === 'failed' || reason === 'crashed') this.ui.banner = { kind: 'error', title: reason === 'crashed' ? 'The trainer crashed' : 'Training failed', message };
      // The Train tab says it already; the toast is for when that tab is out of sight.
      else if (!this.ui.side || this.ui.sideTab !== 'train') this.ui.showToast(message);
    }
    void this.refreshRuns();
  }

  async #pickUpRunning(): Promise<void> {
    const settle = this.#router.expect();
    try {
      await this.refreshRuns();
      const running = this.runs.find((r) => !isEnded(r.status));
      if (!running || this.current) return;
      const record = await this.api.getRun(running.id);
      if (!record || this.#router.get(record.id)) return;
      const session = this.#track(TrainingSession.fromRecord(record, runLabel(new Date(record.startedAt)), true));
      this.current = session;
      this.viewing ??= session;
    } catch {
      // Nothing to pick up.
    } finally {
      settle();
    }
  }

  async #record(runId: string): Promise<RunRecord | null> {
    try {
      const record = await this.api.getRun(runId);
      if (!record) this.ui.showToast('That run is gone (deleted elsewhere?)', 'error');
      return record;
    } catch (err) {
      this.ui.showToast(`Could not load the run: ${(err as Error).message}`, 'error');
      return null;
    }
  }

  async #session(runId: string): Promise<TrainingSession | null> {
    const known = this.#router.get(runId);
    if (known) return known;
    const record = await this.#record(runId);
    if (!record) return null;
    return this.#track(TrainingSession.fromRecord(record, runLabel(new Date(record.startedAt))));
  }

  async #call(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (err) {
      this.ui.showToast((err as Error).message, 'error');
    }
  }
}
