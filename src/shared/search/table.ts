/**
 * The trials table as rows of text: the CLI prints it, the Search tab shows
 * the same columns. One column per varied value, then the score (mean ± std
 * over folds), the parameter count, the time and what became of the trial.
 */
import type { SearchRecord, TrialRecord } from '../protocol/search-api.ts';
import { formatValue } from './expand.ts';
import { formatScore, rankTrials } from './score.ts';

export interface TrialTable {
  readonly header: readonly string[];
  /** Best first; each row lines up with the header. */
  readonly rows: readonly (readonly string[])[];
  /** The trials in row order. */
  readonly trials: readonly TrialRecord[];
}

export function trialTable(record: Pick<SearchRecord, 'spec' | 'trials'>): TrialTable {
  const { spec } = record;
  const trials = rankTrials(record.trials, spec.rankBy);
  const header = ['#', 'trial', ...spec.dimensions.map((d) => d.id), spec.rankBy, 'params', 'time', 'status'];
  const rows = trials.map((t, rank) => [
    t.score ? String(rank + 1) : '',
    String(t.index + 1),
    ...spec.dimensions.map((d) => (d.id in t.values ? formatValue(t.values[d.id]) : '')),
    formatScore(t.score, spec.rankBy),
    t.params ? t.params.toLocaleString('en-US') : '',
    t.seconds ? `${t.seconds.toFixed(1)} s` : '',
    t.status === 'failed' || t.status === 'skipped' ? `${t.status}: ${t.message ?? ''}` : t.status,
  ]);
  return { header, rows, trials };
}

/** The table as aligned plain text, numbers right-aligned. */
export function formatTrialTable(table: TrialTable): string {
  const all = [table.header, ...table.rows];
  const last = table.header.length - 1;
  const widths = table.header.map((_, c) => (c === last ? 0 : Math.max(...all.map((r) => r[c].length))));
  const numeric = (c: number) => c !== last && table.rows.every((r) => r[c] === '' || /^[-\d.,%± e+s]+$/.test(r[c]));
  return all.map((r) => r.map((cell, c) => (c === last ? cell : numeric(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n');
}

/** "trial 3 of 12, fold 2 of 3, about 1 min 20 s left". */
export function searchProgress(record: Pick<SearchRecord, 'current' | 'trials' | 'foldsDone' | 'foldsTotal' | 'seconds' | 'spec'>): string {
  const folds = record.spec.validation.kind === 'kfold' ? record.spec.validation.folds : 1;
  const runnable = record.trials.filter((t) => t.status !== 'skipped').length;
  const parts: string[] = [];
  if (record.current) {
    const position = record.trials.filter((t) => t.status !== 'skipped' && t.index <= record.current!.trial).length;
    parts.push(`trial ${position} of ${runnable}`);
    if (folds > 1) parts.push(`fold ${record.current.fold + 1} of ${folds}`);
  }
  const left = record.foldsTotal - record.foldsDone;
  if (record.foldsDone > 0 && left > 0) parts.push(`about ${formatDuration((record.seconds / record.foldsDone) * left)} left`);
  return parts.join(', ');
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
