/**
 * What the Search tab shows of a search's record: the trials table sorted by
 * any column, the score against each varied value, the best trials whose
 * curves are drawn, a line saying where the search stands, and what
 * "Apply to graph" changed. Pure, so that the tab's logic is tested in Node.
 */
import type { GraphDoc } from '../../../../../shared/document/index.ts';
import type { SearchRecord, SearchSummary, TrialRecord } from '../../../../../shared/protocol/search-api.ts';
import { formatValue } from '../../../../../shared/search/expand.ts';
import type { Trial } from '../../../../../shared/search/expand.ts';
import { rankTrials } from '../../../../../shared/search/score.ts';
import { formatDuration, trialTable, type TrialTable } from '../../../../../shared/search/table.ts';
import { lowerIsBetter, type RankFigure, type SearchDimension, type SearchSpec, type SearchValue } from '../../../../../shared/search/spec.ts';
import { currentValue, dimensionTitle } from './edit.ts';

/** A search record as the tab holds it: host events carry it without the project. */
export type SearchView = Omit<SearchRecord, 'doc'>;

/** The header's columns that trialTable makes, by position: #, trial, one per dimension, score, params, time, status. */
export type ColumnRole = { readonly kind: 'rank' } | { readonly kind: 'trial' } | { readonly kind: 'value'; readonly id: string } | { readonly kind: 'score' } | { readonly kind: 'params' } | { readonly kind: 'time' } | { readonly kind: 'status' };

export function columnRoles(spec: Pick<SearchSpec, 'dimensions'>): ColumnRole[] {
  return [{ kind: 'rank' }, { kind: 'trial' }, ...spec.dimensions.map((d) => ({ kind: 'value' as const, id: d.id })), { kind: 'score' }, { kind: 'params' }, { kind: 'time' }, { kind: 'status' }];
}

export interface TableSort {
  /** Index of the header column. */
  readonly column: number;
  readonly descending: boolean;
}

/** The rows of the table in the chosen order (indices into table.rows); best first when unsorted. */
export function sortedRows(table: TrialTable, roles: readonly ColumnRole[], sort: TableSort | null): number[] {
  const rows = table.rows.map((_, i) => i);
  if (!sort) return rows;
  const role = roles[sort.column];
  const key = (i: number): number | string | null => sortKey(table.trials[i], i, role, table.rows[i][sort.column]);
  const sign = sort.descending ? -1 : 1;
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    // Rows without a value (no score yet, a failed trial) stay at the bottom both ways.
    if (ka === null || kb === null) return ka === kb ? a - b : ka === null ? 1 : -1;
    const order = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb), 'en', { numeric: true });
    return order === 0 ? a - b : sign * order;
  });
}

function sortKey(t: TrialRecord, position: number, role: ColumnRole, cell: string): number | string | null {
  switch (role.kind) {
    case 'rank':
      return t.score ? position : null;
    case 'trial':
      return t.index;
    case 'value': {
      const v = t.values[role.id];
      return v === undefined ? null : typeof v === 'number' ? v : String(v);
    }
    case 'score':
      return t.score?.mean ?? null;
    case 'params':
      return t.params || null;
    case 'time':
      return t.seconds || null;
    case 'status':
      return cell;
    default:
      throw new Error(`unknown column ${JSON.stringify(role satisfies never)}`);
  }
}

/** The sort after a click on a column's header: a new column sorts ascending (the score: best first), a second click reverses. */
export function nextSort(current: TableSort | null, column: number, roles: readonly ColumnRole[], figure: RankFigure): TableSort {
  if (current?.column === column) return { column, descending: !current.descending };
  return { column, descending: roles[column]?.kind === 'score' ? !lowerIsBetter(figure) : false };
}

/** The table of a record, for the tab: trialTable's rows with each row's role. */
export function resultsTable(record: Pick<SearchView, 'spec' | 'trials'>): { table: TrialTable; roles: ColumnRole[] } {
  return { table: trialTable(record), roles: columnRoles(record.spec) };
}


/** One point of a score plot: a trial's value of the dimension and its score's mean ± std over folds. */
export interface ScorePoint {
  readonly trial: number;
  readonly value: SearchValue;
  readonly mean: number;
  readonly std: number;
  readonly best: boolean;
}

export interface ScorePlot {
  readonly dimension: SearchDimension;
  readonly points: readonly ScorePoint[];
  /** Numbers on a linear or log axis; otherwise the values are categories, in the order the dimension lists them. */
  readonly axis: { readonly kind: 'linear' | 'log' } | { readonly kind: 'category'; readonly categories: readonly string[] };
}

/**
 * The score against one dimension's values, one point per scored trial. A
 * log axis for log-uniform ranges and for positive lists that span two
 * decades or more (learning rates), categories for names and switches.
 */
export function scorePlot(record: Pick<SearchView, 'spec' | 'trials'>, dimension: SearchDimension): ScorePlot {
  const best = rankTrials(record.trials, record.spec.rankBy)[0];
  const points: ScorePoint[] = [];
  for (const t of record.trials) {
    const value = t.values[dimension.id];
    if (!t.score || value === undefined || !Number.isFinite(t.score.mean)) continue;
    points.push({ trial: t.index, value, mean: t.score.mean, std: Number.isFinite(t.score.std) ? t.score.std : 0, best: t === best });
  }
  const values = dimension.values;
  const listed = values.kind === 'list' ? values.items : [];
  const numeric = values.kind !== 'list' || listed.every((v) => typeof v === 'number');
  if (!numeric) {
    const categories = [...new Set([...listed, ...points.map((p) => p.value)].map((v) => formatValue(v)))];
    return { dimension, points, axis: { kind: 'category', categories } };
  }
  const numbers = values.kind === 'list' ? (listed as number[]) : [values.min, values.max];
  const positive = numbers.every((v) => v > 0);
  const log = values.kind === 'logUniform' || (positive && numbers.length > 1 && Math.max(...numbers) / Math.min(...numbers) >= 100);
  return { dimension, points, axis: { kind: log ? 'log' : 'linear' } };
}

/** The best `n` scored trials, each with the run of its first fold that finished (whose curves are drawn). */
export function bestRuns(record: Pick<SearchView, 'spec' | 'trials'>, n = 3): { trial: TrialRecord; runId: string }[] {
  const out: { trial: TrialRecord; runId: string }[] = [];
  for (const trial of rankTrials(record.trials, record.spec.rankBy)) {
    if (out.length === n || !trial.score) break;
    const fold = trial.folds.find((f) => f.status === 'done' && f.runId);
    if (fold?.runId) out.push({ trial, runId: fold.runId });
  }
  return out;
}

/**
 * A search this small draws every trial's curve: comparing a handful of
 * configurations (four optimizers, four activations) is its whole point. A
 * larger one draws only the best three, which stay readable.
 */
export const ALL_CURVES_UP_TO = 6;

/** How many trials' curves the search's plot draws. */
export function curveCount(record: Pick<SearchView, 'trials'>): number {
  const runnable = record.trials.filter((t) => t.status !== 'skipped').length;
  return runnable <= ALL_CURVES_UP_TO ? runnable : 3;
}

/** "units = 8, lr = 0.2": a trial's values in the dimensions' order. */
export function trialValues(spec: Pick<SearchSpec, 'dimensions'>, trial: Pick<TrialRecord, 'values'>): string {
  return spec.dimensions.map((d) => (d.id in trial.values ? `${d.id} = ${formatValue(trial.values[d.id])}` : '')).filter(Boolean).join(', ');
}

export function isEnded(status: SearchView['status']): boolean {
  return status === 'completed' || status === 'stopped' || status === 'failed';
}

/** Share of the folds done, 0…1, for the progress bar. */
export function doneShare(record: Pick<SearchView, 'foldsDone' | 'foldsTotal'>): number {
  return record.foldsTotal > 0 ? Math.min(1, record.foldsDone / record.foldsTotal) : 0;
}

/** One line on where a search stands: "Running: 3 of 4 trials done", "Completed: 4 trials in 42 s", "Stopped: 2 of 4 trials done". */
export function statusLine(record: Pick<SearchView, 'status' | 'trials' | 'seconds' | 'message'>): string {
  const runnable = record.trials.filter((t) => t.status !== 'skipped');
  const done = runnable.filter((t) => t.status === 'done' || t.status === 'failed').length;
  const failed = runnable.filter((t) => t.status === 'failed').length;
  const skipped = record.trials.length - runnable.length;
  const extra = [failed ? `${failed} failed` : '', skipped ? `${skipped} skipped` : ''].filter(Boolean).join(', ');
  const tail = extra ? ` (${extra})` : '';
  switch (record.status) {
    case 'running':
      return `Running: ${done} of ${runnable.length} trials done${tail}`;
    case 'paused':
      return `Paused: ${done} of ${runnable.length} trials done${tail}`;
    case 'completed':
      return `Completed: ${runnable.length} trial${runnable.length === 1 ? '' : 's'} in ${formatDuration(record.seconds)}${tail}`;
    case 'stopped':
      return `Stopped: ${done} of ${runnable.length} trials done${tail}`;
    case 'failed':
      return record.message ?? `Failed${tail}`;
    default:
      throw new Error(`unknown search status ${JSON.stringify(record.status satisfies never)}`);
  }
}

/**
 * Whether a search belongs to the project open now: the same file, or one
 * run before the project was first saved, under the same title.
 */
export function ofProject(search: Pick<SearchSummary, 'projectPath' | 'title'>, path: string | null, title: string): boolean {
  if (path && search.projectPath === path) return true;
  return search.projectPath === null && search.title === title;
}

/** How a search is named in the picker: "14:05 · completed · best val_loss 0.1234". */
export function searchLabel(s: Pick<SearchSummary, 'startedAt' | 'status' | 'spec' | 'best'>): string {
  const at = new Date(s.startedAt);
  const two = (n: number) => String(n).padStart(2, '0');
  const when = `${at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${two(at.getHours())}:${two(at.getMinutes())}`;
  const best = s.best?.score ? ` · best ${s.spec.rankBy} ${formatValue(s.best.score.mean)}` : '';
  return `${when} · ${s.status}${best}`;
}

/**
 * What applying a trial changes, one phrase per dimension whose value
 * differs from the graph's: "units of dense_1: 4 → 8", "learning rate: 0.05 → 0.2".
 */
export function trialChanges(doc: GraphDoc, spec: Pick<SearchSpec, 'dimensions'>, trial: Trial): string[] {
  const out: string[] = [];
  for (const d of spec.dimensions) {
    if (!(d.id in trial.values)) continue;
    const now = currentValue(doc, d.target);
    const next = trial.values[d.id];
    if (now === next) continue;
    out.push(`${dimensionTitle(doc, d.target)}: ${now === null ? '' : `${formatValue(now)} → `}${formatValue(next)}`);
  }
  return out;
}

/** Layers a trial's dimensions name that the graph no longer has (the search is older than the graph). */
export function missingLayers(doc: GraphDoc, spec: Pick<SearchSpec, 'dimensions'>): string[] {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const out = new Set<string>();
  for (const d of spec.dimensions) if (d.target.kind !== 'training') for (const id of d.target.nodes) if (!ids.has(id)) out.add(id);
  return [...out];
}
