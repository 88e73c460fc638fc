/**
 * How a run becomes a trial's score, and how trials rank. A run is scored by
 * the epoch whose weights it kept: the last one, or, when early stopping
 * restores the best weights, the best by its monitor. A trial's score is the
 * mean (± sample deviation) over its folds; a fold that failed or ended with
 * a NaN gives no figure and is counted apart.
 */
import type { TrainingSettings } from '../document/schema.ts';
import type { FoldFigures, FoldResult, Score, TrialRecord } from '../protocol/search-api.ts';
import type { EpochRecord } from '../protocol/trainer.ts';
import { meanAndSpread } from './folds.ts';
import { lowerIsBetter, type RankFigure } from './spec.ts';

export function figuresOfEpoch(e: EpochRecord): FoldFigures {
  return { loss: e.loss, val_loss: e.valLoss ?? null, acc: e.metrics.accuracy ?? null, val_acc: e.valMetrics?.accuracy ?? null };
}

/** The figures of the epoch a run kept its weights from; null for a run that finished no epoch. */
export function keptFigures(epochs: readonly EpochRecord[], training: Pick<TrainingSettings, 'earlyStopping'>): FoldFigures | null {
  if (!epochs.length) return null;
  const stopping = training.earlyStopping;
  if (!stopping?.restoreBestWeights) return figuresOfEpoch(epochs[epochs.length - 1]);
  const lower = lowerIsBetter(stopping.monitor);
  let best: FoldFigures | null = null;
  let bestValue = Number.NaN;
  for (const e of epochs) {
    const f = figuresOfEpoch(e);
    const value = f[stopping.monitor];
    if (value === null || !Number.isFinite(value)) continue;
    if (best === null || (lower ? value < bestValue : value > bestValue)) [best, bestValue] = [f, value];
  }
  return best ?? figuresOfEpoch(epochs[epochs.length - 1]);
}

/** The trial's score over the folds that gave a finite figure, or null when none did. */
export function scoreOf(folds: readonly FoldResult[], figure: RankFigure): Score | null {
  const values = folds.filter((f) => f.status === 'done').map((f) => f.figures?.[figure] ?? Number.NaN);
  const { mean, std, count } = meanAndSpread(values);
  return count > 0 ? { mean, std, folds: count } : null;
}

/** Best first: scored trials by their mean, then those with no score in run order. */
export function rankTrials(trials: readonly TrialRecord[], figure: RankFigure): TrialRecord[] {
  const lower = lowerIsBetter(figure);
  return [...trials].sort((a, b) => {
    if (a.score && b.score) return lower ? a.score.mean - b.score.mean : b.score.mean - a.score.mean;
    if (a.score) return -1;
    if (b.score) return 1;
    return a.index - b.index;
  });
}

/** The best trial that has a score, or null. */
export function bestTrial(trials: readonly TrialRecord[], figure: RankFigure): TrialRecord | null {
  const first = rankTrials(trials, figure)[0];
  return first?.score ? first : null;
}

/**
 * A score as tables print it: the mean to 4 significant digits and the spread
 * over folds to 2, which is all a few folds can tell ("0.1200 ± 0.07");
 * accuracy in percent ("91.3% ± 1.2%"); one fold, the mean alone.
 */
export function formatScore(score: Score | null, figure: RankFigure): string {
  if (!score) return '—';
  const pct = figure.endsWith('acc');
  const mean = pct ? `${(score.mean * 100).toFixed(1)}%` : score.mean.toPrecision(4);
  if (score.folds < 2) return mean;
  const std = pct ? `${Number((score.std * 100).toPrecision(2))}%` : String(Number(score.std.toPrecision(2)));
  return `${mean} ± ${std}`;
}
