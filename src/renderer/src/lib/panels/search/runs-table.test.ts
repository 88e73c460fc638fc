import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING } from '../../../../../shared/document/index.ts';
import type { RunSummary } from '../../../../../shared/protocol/training-api.ts';
import { runsColumns, searchTag, sortRuns } from './runs-table.ts';

function run(id: string, loss: number, extra: Partial<RunSummary> = {}): RunSummary {
  const summary: RunSummary = {
    id,
    title: 'XOR MLP',
    projectPath: null,
    startedAt: '2026-01-05T10:00:00.000Z',
    endedAt: '2026-01-05T10:00:12.000Z',
    status: 'completed',
    epochsCompleted: 10,
    epochs: 10,
    backend: 'tensorflow',
    device: null,
    last: { epoch: 10, loss, metrics: { accuracy: 0.9 }, valLoss: loss * 1.1, learningRate: 0.05, seconds: 0.1 },
    test: null,
    message: null,
    hasWeights: true,
    settings: DEFAULT_TRAINING,
  };
  return { ...summary, ...extra };
}

describe('the runs table', () => {
  const runs = [
    run('a', 0.3, { settings: { ...DEFAULT_TRAINING, learningRate: 0.05 } }),
    run('b', 0.1, { settings: { ...DEFAULT_TRAINING, learningRate: 0.2 }, search: { searchId: 's', trial: 2, fold: 1, folds: 2 } }),
    run('c', 0.2, { settings: { ...DEFAULT_TRAINING, learningRate: 0.2 } }),
  ];

  it('shows only the settings that differ between the runs, the figures they have, and the search tag', () => {
    const columns = runsColumns(runs);
    expect(columns.map((c) => c.key)).toEqual(['started', 'tag', 'learningRate', 'loss', 'valLoss', 'acc', 'status', 'time']);
    const cell = (key: string, r: RunSummary) => columns.find((c) => c.key === key)!.cell(r).text;
    expect(cell('tag', runs[1])).toBe('search · trial 3 fold 2');
    expect(cell('tag', runs[0])).toBe('');
    expect(cell('time', runs[0])).toBe('12 s');
    expect(cell('acc', runs[0])).toBe('90.0%');
    expect(runsColumns([runs[0], run('d', 0.4)]).map((c) => c.key)).not.toContain('tag');
  });

  it('sorts by a figure both ways, numbers as numbers', () => {
    const columns = runsColumns(runs);
    expect(sortRuns(runs, columns, { key: 'loss', descending: false }).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(sortRuns(runs, columns, { key: 'loss', descending: true }).map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(sortRuns(runs, columns, { key: 'learningRate', descending: false }).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(sortRuns(runs, columns, null).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('names a search run by its trial and fold, counted from 1', () => {
    expect(searchTag({ searchId: 's', trial: 0, fold: 2, folds: 3 })).toBe('search · trial 1 fold 3');
    expect(searchTag({ searchId: 's', trial: 4, fold: 0, folds: 1 })).toBe('search · trial 5');
  });
});
