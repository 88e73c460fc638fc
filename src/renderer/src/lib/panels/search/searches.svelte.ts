/**
 * Searches from the designer: starts one with the project on the canvas,
 * follows the host's `search` events (sent whenever a fold starts or ends),
 * keeps the list of searches the host has kept, and knows which one the
 * Search tab shows: the one running, the newest of this project, or one
 * picked from the list. Between fold events, the `training` progress of the
 * fold's run moves the progress bar.
 */
import type { NetwrightApi } from '../../api.ts';
import type { UiState } from '../../app/ui-state.svelte.ts';
import type { EditorStore } from '../../editor/store.ts';
import type { SearchApiMethods, SearchSummary, TrialRecord } from '../../../../../shared/protocol/search-api.ts';
import type { TrainerEvent } from '../../../../../shared/protocol/trainer.ts';
import { bestTrial } from '../../../../../shared/search/score.ts';
import { isEnded, missingLayers, ofProject, trialChanges, type SearchView } from './results.ts';

/** The part of NetwrightApi that searches need (tests pass a fake). */
export type SearchApi = SearchApiMethods & Pick<NetwrightApi, 'onEvent'>;

export class Searches {
  /** Every search the host keeps, newest first; `ofProject` picks this project's. */
  list = $state.raw<readonly SearchSummary[]>([]);
  /** The search whose progress and results the tab shows. */
  shown = $state.raw<SearchView | null>(null);
  starting = $state(false);
  /** Why the last start was refused, shown until the next start. */
  startError = $state<string | null>(null);
  /** Share of the current fold's steps done, 0…1: moves the bar between fold events. */
  foldShare = $state(0);
  /** The tab's view: set-up or results (a start switches to results). */
  view = $state<'setup' | 'results'>('setup');
  /** The trial picked in the results table (for "Apply to graph"); the best one while none is. */
  pickedTrial = $state.raw<{ readonly search: string; readonly trial: number } | null>(null);
  /** A search picked from the list stays shown; otherwise a newer one of the project replaces it. */
  #pinned = false;

  constructor(
    private readonly api: SearchApi,
    private readonly store: EditorStore,
    private readonly ui: UiState,
  ) {}

  /** True while the shown search is running or paused (Start waits for it to end). */
  get active(): boolean {
    const s = this.shown;
    return !!s && !isEnded(s.status);
  }

  /** This project's searches, newest first. */
  get ofThisProject(): readonly SearchSummary[] {
    const path = this.store.path;
    const title = this.store.doc.meta.name;
    return this.list.filter((s) => ofProject(s, path, title));
  }

  /** Subscribes to the host's events and shows this project's newest search (a running one after a reload). */
  connect(): () => void {
    const stop = this.api.onEvent((event) => {
      if (event.type === 'search') this.#receive(event.record);
      else if (event.type === 'training') this.#progress(event.runId, event.event);
    });
    void this.refresh(true);
    return stop;
  }

  async refresh(pickUp = false): Promise<void> {
    try {
      this.list = await this.api.listSearches();
    } catch {
      // The list stays as it was; the host may be reconnecting.
      return;
    }
    if (pickUp && !this.shown) {
      const newest = this.ofThisProject[0];
      if (newest) await this.show(newest.id, false);
    }
  }

  /** After another project is opened: its own newest search replaces one of the last project. */
  async followProject(): Promise<void> {
    const s = this.shown;
    if (s && ofProject(s, this.store.path, this.store.doc.meta.name)) return;
    this.shown = null;
    this.#pinned = false;
    this.startError = null;
    await this.refresh(true);
  }

  async start(): Promise<void> {
    if (this.starting || this.active) return;
    this.starting = true;
    this.startError = null;
    try {
      const result = await this.api.startSearch({ doc: this.store.doc, projectPath: this.store.path });
      if (!result.ok) {
        this.startError = result.message;
        return;
      }
      this.#pinned = false;
      this.foldShare = 0;
      this.view = 'results';
      if (this.shown?.id !== result.searchId) await this.show(result.searchId, false);
      await this.refresh();
    } catch (err) {
      this.startError = (err as Error).message;
    } finally {
      this.starting = false;
    }
  }

  async pause(): Promise<void> {
    const s = this.shown;
    if (s?.status === 'running') await this.#call(() => this.api.pauseSearch(s.id));
  }

  /** Goes on after a pause, or runs a stopped or interrupted search's remaining folds. */
  async resume(): Promise<void> {
    const s = this.shown;
    if (s && (s.status === 'paused' || s.status === 'stopped' || s.status === 'failed')) await this.#call(() => this.api.resumeSearch(s.id));
  }

  async stop(): Promise<void> {
    const s = this.shown;
    if (s && !isEnded(s.status)) await this.#call(() => this.api.stopSearch(s.id));
  }

  /** Shows a search's results; `pinned` when the user chose it from the list. */
  async show(id: string, pinned = true): Promise<void> {
    try {
      const record = await this.api.getSearch(id);
      if (!record) {
        this.ui.showToast('That search is gone (deleted elsewhere?)', 'error');
        return;
      }
      const { doc: _doc, ...view } = record;
      this.shown = view;
      this.#pinned = pinned;
      this.foldShare = 0;
    } catch (err) {
      this.ui.showToast(`Could not load the search: ${(err as Error).message}`, 'error');
    }
  }

  async remove(id: string): Promise<void> {
    const choice = await this.ui.confirm('Delete search', 'Delete this search’s record? Its runs stay in the runs list.', ['Delete', 'Cancel']);
    if (choice !== 'Delete') return;
    await this.#call(() => this.api.deleteSearch(id));
    if (this.shown?.id === id) this.shown = null;
    await this.refresh(true);
  }

  /**
   * Puts a trial's values on the canvas (one undo step, the project's search
   * kept) and says in a toast what changed.
   */
  apply(record: Pick<SearchView, 'spec'>, trial: TrialRecord): void {
    const doc = this.store.doc;
    const name = `trial ${trial.index + 1}`;
    const changes = trialChanges(doc, record.spec, trial);
    const missing = missingLayers(doc, record.spec);
    if (!this.store.applyTrial(record.spec, trial)) {
      this.ui.showToast(`The graph already has ${name}’s values`);
      return;
    }
    const gone = missing.length ? ` (not found: ${missing.join(', ')})` : '';
    this.ui.showToast(`Applied ${name}: ${changes.join(', ') || 'its values'}${gone}. Undo to go back.`, 'info', 6000);
  }

  #receive(record: SearchView): void {
    const summary: SearchSummary = { ...withoutTrials(record), best: bestTrial(record.trials, record.spec.rankBy) };
    const known = this.list.some((s) => s.id === record.id);
    this.list = known ? this.list.map((s) => (s.id === record.id ? summary : s)) : [summary, ...this.list];
    const shown = this.shown;
    const mine = ofProject(record, this.store.path, this.store.doc.meta.name);
    if (shown?.id === record.id || (mine && (!shown || (!this.#pinned && isEnded(shown.status))))) {
      if (shown?.current?.runId !== record.current?.runId) this.foldShare = 0;
      this.shown = record;
    }
  }

  #progress(runId: string, event: TrainerEvent): void {
    if (event.type !== 'progress' || !runId || this.shown?.current?.runId !== runId) return;
    this.foldShare = event.totalSteps > 0 ? Math.min(1, event.step / event.totalSteps) : 0;
  }

  async #call(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (err) {
      this.ui.showToast((err as Error).message, 'error');
    }
  }
}

function withoutTrials(record: SearchView): Omit<SearchView, 'trials'> {
  const { trials: _trials, ...rest } = record;
  return rest;
}
