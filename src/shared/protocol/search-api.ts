/**
 * Hyperparameter searches between the UI (or the CLI) and the host. The host
 * runs a search's trials one after another as ordinary runs (each tagged with
 * its search, trial and fold, so it shows in the runs list and can be
 * restored), keeps a search record on disk after every fold so a stopped or
 * crashed search resumes where it was, and sends the record to every window
 * whenever a fold starts or ends.
 */
import type { GraphDoc } from '../document/schema.ts';
import type { SearchSpec, SearchValue } from '../search/spec.ts';
import type { BackendName } from './trainer.ts';

export type SearchStatus = 'running' | 'paused' | 'stopped' | 'completed' | 'failed';
export type TrialStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

/** A run's final figures, as a trial is scored by them; null where the run had none. */
export interface FoldFigures {
  readonly loss: number | null;
  readonly val_loss: number | null;
  readonly acc: number | null;
  readonly val_acc: number | null;
}

export interface FoldResult {
  /** 0-based; always 0 on a hold-out. */
  readonly fold: number;
  readonly runId: string | null;
  readonly status: TrialStatus;
  readonly figures: FoldFigures | null;
  readonly epochs: number;
  readonly seconds: number;
  /** Why it failed (or "NaN loss at epoch 3"), null when it did not. */
  readonly message: string | null;
}

export interface Score {
  /** Mean and sample standard deviation of the ranking figure over the folds that gave one. */
  readonly mean: number;
  readonly std: number;
  readonly folds: number;
}

export interface TrialRecord {
  readonly index: number;
  readonly values: Readonly<Record<string, SearchValue>>;
  readonly status: TrialStatus;
  readonly folds: readonly FoldResult[];
  readonly score: Score | null;
  /** The trial's network's parameter count (0 when it could not be built). */
  readonly params: number;
  readonly seconds: number;
  readonly message: string | null;
}

export interface SearchRecord {
  readonly format: 1;
  readonly id: string;
  readonly title: string;
  readonly projectPath: string | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  /** The project as the search started, search included: each trial's project is derived from it. */
  readonly doc: GraphDoc;
  readonly spec: SearchSpec;
  readonly status: SearchStatus;
  readonly trials: readonly TrialRecord[];
  /** Trial and fold in progress, null between them. */
  readonly current: { readonly trial: number; readonly fold: number; readonly runId: string | null } | null;
  /** Folds to run in all (trials that can be built × k), and done so far (finished, failed or skipped). */
  readonly foldsTotal: number;
  readonly foldsDone: number;
  /** Seconds the search has spent training, for the ETA. */
  readonly seconds: number;
  readonly message: string | null;
  /** Backend forced for every trial, as on startTraining. */
  readonly backend?: 'auto' | BackendName;
}

/** A searches-list line: the record without its project or trials. */
export type SearchSummary = Omit<SearchRecord, 'doc' | 'trials'> & { readonly best: TrialRecord | null };

export interface StartSearchRequest {
  /** The project with its `search`, as on the canvas. */
  readonly doc: GraphDoc;
  readonly projectPath: string | null;
  readonly backend?: 'auto' | BackendName;
  /** Run at most this many trials (the CLI's --trials). */
  readonly maxTrials?: number;
}

export type StartSearchResult = { readonly ok: true; readonly searchId: string } | { readonly ok: false; readonly message: string };

export interface SearchHostEvent {
  readonly type: 'search';
  readonly searchId: string;
  /** The record without its project (the UI has it). */
  readonly record: Omit<SearchRecord, 'doc'>;
}

export interface SearchApiMethods {
  startSearch(request: StartSearchRequest): Promise<StartSearchResult>;
  /** Pause holds the trial in progress at its next batch; stop ends it and the search (resume picks up later). */
  pauseSearch(searchId: string): Promise<void>;
  /** Goes on after a pause, or starts a stopped or interrupted search again, skipping the folds already done. */
  resumeSearch(searchId: string): Promise<void>;
  stopSearch(searchId: string): Promise<void>;
  listSearches(): Promise<readonly SearchSummary[]>;
  getSearch(searchId: string): Promise<SearchRecord | null>;
  deleteSearch(searchId: string): Promise<void>;
}

/** What a run of a search is, kept on the run's record. */
export interface RunSearchTag {
  readonly searchId: string;
  readonly trial: number;
  readonly fold: number;
  readonly folds: number;
}
