/**
 * The runs of a project as a table for comparing them: one row per run, a
 * column for each training setting that differs between the runs (the rest
 * would say the same thing on every row), the final figures, status and
 * time, and, for a search's runs, which trial and fold each was.
 */
import type { TrainingSettings } from '../../../../../shared/document/index.ts';
import type { RunSearchTag } from '../../../../../shared/protocol/search-api.ts';
import type { RunSummary } from '../../../../../shared/protocol/training-api.ts';
import { formatDuration } from '../../../../../shared/search/table.ts';

export interface RunsColumn {
  readonly key: string;
  readonly label: string;
  readonly title: string;
  readonly numeric: boolean;
  /** The cell's text, and the value it sorts by (null sorts last either way). */
  cell(run: RunSummary): { readonly text: string; readonly sort: number | string | null };
}

const setting = (key: string, label: string, title: string, numeric: boolean, read: (s: TrainingSettings) => number | string | null): RunsColumn => ({
  key,
  label,
  title,
  numeric,
  cell(run) {
    const value = read(run.settings);
    return { text: value === null ? '—' : typeof value === 'number' ? String(Number(value.toPrecision(6))) : value, sort: value };
  },
});

/** The training settings a table may show, in the order the Train tab lists them. */
export const SETTING_COLUMNS: readonly RunsColumn[] = [
  setting('optimizer', 'optimizer', 'Optimizer', false, (s) => s.optimizer),
  setting('learningRate', 'learning rate', 'Learning rate', true, (s) => s.learningRate),
  setting('momentum', 'momentum', 'Momentum (momentum optimizer)', true, (s) => s.momentum ?? null),
  setting('batchSize', 'batch', 'Batch size', true, (s) => s.batchSize),
  setting('epochs', 'epochs', 'Epochs asked for', true, (s) => s.epochs),
  setting('validationSplit', 'val split', 'Validation split', true, (s) => s.validationSplit),
  setting('loss', 'loss fn', 'Loss function', false, (s) => s.loss),
  setting('schedule', 'schedule', 'Learning-rate schedule', false, (s) => s.schedule.kind),
  setting('earlyStopping', 'early stop', 'Early stopping (figure watched, patience)', false, (s) => (s.earlyStopping ? `${s.earlyStopping.monitor}, ${s.earlyStopping.patience}` : 'off')),
  setting('seed', 'seed', 'Seed', true, (s) => s.seed),
];

const figure = (key: string, label: string, title: string, read: (r: RunSummary) => number | undefined, share = false): RunsColumn => ({
  key,
  label,
  title,
  numeric: true,
  cell(run) {
    const v = read(run);
    if (v === undefined || !Number.isFinite(v)) return { text: '—', sort: null };
    return { text: share ? `${(v * 100).toFixed(1)}%` : v.toPrecision(4), sort: v };
  },
});

/** Final figures: the last epoch's. */
export const FIGURE_COLUMNS: readonly RunsColumn[] = [
  figure('loss', 'loss', 'Training loss of the last epoch', (r) => r.last?.loss),
  figure('valLoss', 'val loss', 'Validation loss of the last epoch', (r) => r.last?.valLoss),
  figure('acc', 'acc', 'Training accuracy of the last epoch', (r) => r.last?.metrics.accuracy, true),
  figure('valAcc', 'val acc', 'Validation accuracy of the last epoch', (r) => r.last?.valMetrics?.accuracy, true),
];

export const STATUS_COLUMN: RunsColumn = {
  key: 'status',
  label: 'status',
  title: 'How the run ended',
  numeric: false,
  cell: (run) => ({ text: run.status, sort: run.status }),
};

export const TIME_COLUMN: RunsColumn = {
  key: 'time',
  label: 'time',
  title: 'From start to end',
  numeric: true,
  cell(run) {
    if (!run.endedAt) return { text: 'running', sort: null };
    const s = (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000;
    return Number.isFinite(s) ? { text: formatDuration(s), sort: s } : { text: '—', sort: null };
  },
};

export const STARTED_COLUMN: RunsColumn = {
  key: 'started',
  label: 'started',
  title: 'When the run started',
  numeric: false,
  cell(run) {
    const at = new Date(run.startedAt);
    const two = (n: number) => String(n).padStart(2, '0');
    return { text: `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`, sort: run.startedAt };
  },
};

export const TAG_COLUMN: RunsColumn = {
  key: 'tag',
  label: 'run of',
  title: 'A search’s run: its trial and fold',
  numeric: false,
  cell(run) {
    const tag = run.search ?? null;
    return tag ? { text: searchTag(tag), sort: `${tag.searchId} ${String(tag.trial).padStart(5, '0')} ${tag.fold}` } : { text: '', sort: null };
  },
};

/** "search · trial 3 fold 2" (trial and fold counted from 1; no fold on a hold-out). */
export function searchTag(tag: RunSearchTag): string {
  return `search · trial ${tag.trial + 1}${tag.folds > 1 ? ` fold ${tag.fold + 1}` : ''}`;
}

/**
 * The table's columns for these runs: when each started, the settings whose
 * values differ between them, the figures some run has, status, time, and
 * the search tag when any run has one.
 */
export function runsColumns(runs: readonly RunSummary[]): RunsColumn[] {
  const varying = SETTING_COLUMNS.filter((c) => new Set(runs.map((r) => c.cell(r).text)).size > 1);
  const figures = FIGURE_COLUMNS.filter((c) => runs.some((r) => c.cell(r).sort !== null));
  const tagged = runs.some((r) => r.search);
  return [STARTED_COLUMN, ...(tagged ? [TAG_COLUMN] : []), ...varying, ...figures, STATUS_COLUMN, TIME_COLUMN];
}

export interface RunsSort {
  readonly key: string;
  readonly descending: boolean;
}

/** The runs in the order of the chosen column; newest first when none is chosen. Rows with no value stay last. */
export function sortRuns(runs: readonly RunSummary[], columns: readonly RunsColumn[], sort: RunsSort | null): RunSummary[] {
  const column = sort && columns.find((c) => c.key === sort.key);
  if (!column || !sort) return [...runs];
  const sign = sort.descending ? -1 : 1;
  const keyed = runs.map((run, i) => ({ run, i, key: column.cell(run).sort }));
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) return a.key === b.key ? a.i - b.i : a.key === null ? 1 : -1;
    const order = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : String(a.key).localeCompare(String(b.key), 'en', { numeric: true });
    return order === 0 ? a.i - b.i : sign * order;
  });
  return keyed.map((k) => k.run);
}
