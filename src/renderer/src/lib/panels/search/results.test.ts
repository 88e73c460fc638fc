import { describe, expect, it } from 'vitest';
import type { TrialRecord } from '../../../../../shared/protocol/search-api.ts';
import type { SearchSpec } from '../../../../../shared/search/spec.ts';
import { xorMlp } from '../../../../../shared/templates/xor-mlp.ts';
import { bestRuns, curveCount, missingLayers, nextSort, ofProject, resultsTable, scorePlot, sortedRows, statusLine, trialChanges } from './results.ts';

const spec: SearchSpec = {
  method: 'grid',
  trials: 50,
  seed: 1,
  rankBy: 'val_loss',
  validation: { kind: 'kfold', folds: 2 },
  dimensions: [
    { id: 'units', target: { kind: 'layer', nodes: ['dense_1'], param: 'units' }, values: { kind: 'list', items: [2, 8] } },
    { id: 'lr', target: { kind: 'training', setting: 'learningRate' }, values: { kind: 'list', items: [0.001, 0.2] } },
  ],
};

function trial(index: number, units: number, lr: number, mean: number | null, extra: Partial<TrialRecord> = {}): TrialRecord {
  return {
    index,
    values: { units, lr },
    status: mean === null ? 'failed' : 'done',
    folds: [0, 1].map((fold) => ({ fold, runId: `run-${index}-${fold}`, status: 'done' as const, figures: null, epochs: 10, seconds: 1, message: null })),
    score: mean === null ? null : { mean, std: 0.01 * (index + 1), folds: 2 },
    params: units * 4 + 1,
    seconds: 2 + index,
    message: mean === null ? 'NaN loss at epoch 3' : null,
    ...extra,
  };
}

const record = { spec, trials: [trial(0, 2, 0.001, 0.6), trial(1, 2, 0.2, 0.3), trial(2, 8, 0.001, 0.5), trial(3, 8, 0.2, 0.1)] };

describe('the trials table', () => {
  it('lists the best first, and a click on the score sorts it best first then worst first', () => {
    const { table, roles } = resultsTable(record);
    expect(table.header).toEqual(['#', 'trial', 'units', 'lr', 'val_loss', 'params', 'time', 'status']);
    const trialsIn = (rows: number[]) => rows.map((i) => table.trials[i].index);
    expect(trialsIn(sortedRows(table, roles, null))).toEqual([3, 1, 2, 0]);
    const score = roles.findIndex((r) => r.kind === 'score');
    const first = nextSort(null, score, roles, 'val_loss');
    expect(first).toEqual({ column: score, descending: false });
    expect(trialsIn(sortedRows(table, roles, first))).toEqual([3, 1, 2, 0]);
    const second = nextSort(first, score, roles, 'val_loss');
    expect(trialsIn(sortedRows(table, roles, second))).toEqual([0, 2, 1, 3]);
    // Accuracy: higher is better, so the first click puts the highest on top.
    expect(nextSort(null, score, roles, 'val_acc').descending).toBe(true);
  });

  it('sorts numbers as numbers and keeps trials without a score at the bottom both ways', () => {
    const withFailure = { spec, trials: [...record.trials, trial(4, 16, 0.05, null)] };
    const { table, roles } = resultsTable(withFailure);
    const trialsIn = (rows: number[]) => rows.map((i) => table.trials[i].index);
    const units = roles.findIndex((r) => r.kind === 'value' && r.id === 'units');
    expect(trialsIn(sortedRows(table, roles, { column: units, descending: true }))).toEqual([4, 3, 2, 1, 0]);
    const score = roles.findIndex((r) => r.kind === 'score');
    expect(trialsIn(sortedRows(table, roles, { column: score, descending: true })).at(-1)).toBe(4);
    expect(trialsIn(sortedRows(table, roles, { column: score, descending: false })).at(-1)).toBe(4);
  });
});

describe('the score plots', () => {
  it('puts each scored trial at its value, the best marked, on a log axis for values spanning decades', () => {
    const lr = scorePlot(record, spec.dimensions[1]);
    expect(lr.axis).toEqual({ kind: 'log' });
    expect(lr.points.map((p) => [p.trial, p.value, p.mean, p.best])).toEqual([
      [0, 0.001, 0.6, false],
      [1, 0.2, 0.3, false],
      [2, 0.001, 0.5, false],
      [3, 0.2, 0.1, true],
    ]);
    expect(scorePlot(record, spec.dimensions[0]).axis).toEqual({ kind: 'linear' });
  });

  it('shows names as categories in the order the dimension lists them', () => {
    const opt = { id: 'opt', target: { kind: 'training' as const, setting: 'optimizer' as const }, values: { kind: 'list' as const, items: ['sgd', 'adam'] } };
    const plot = scorePlot({ spec: { ...spec, dimensions: [opt] }, trials: [{ ...trial(0, 2, 0.1, 0.4), values: { opt: 'adam' } }] }, opt);
    expect(plot.axis).toEqual({ kind: 'category', categories: ['sgd', 'adam'] });
  });

  it('draws the curves of the best three trials from their first finished fold', () => {
    expect(bestRuns(record).map((b) => [b.trial.index, b.runId])).toEqual([
      [3, 'run-3-0'],
      [1, 'run-1-0'],
      [2, 'run-2-0'],
    ]);
  });

  it('draws every trial of a small comparison and the best three of a larger search', () => {
    expect(curveCount(record)).toBe(4);
    expect(bestRuns(record, curveCount(record)).map((b) => b.trial.index)).toEqual([3, 1, 2, 0]);
    const big = { trials: Array.from({ length: 7 }, (_, i) => trial(i, 2, 0.1, 0.1 * i)) };
    expect(curveCount(big)).toBe(3);
    expect(curveCount({ trials: [...big.trials.slice(0, 5), ...big.trials.slice(5).map((t) => ({ ...t, status: 'skipped' as const }))] })).toBe(5);
  });
});

describe('where a search stands and what applying a trial does', () => {
  it('says how far a search got', () => {
    expect(statusLine({ status: 'completed', trials: record.trials, seconds: 42, message: null })).toBe('Completed: 4 trials in 42 s');
    expect(statusLine({ status: 'running', trials: [trial(0, 2, 0.1, 0.5), { ...trial(1, 8, 0.1, null), status: 'pending', message: null }], seconds: 3, message: null })).toBe('Running: 1 of 2 trials done');
    expect(statusLine({ status: 'stopped', trials: [trial(0, 2, 0.1, null), { ...trial(1, 8, 0.1, null), status: 'skipped' }], seconds: 3, message: null })).toBe('Stopped: 1 of 1 trials done (1 failed, 1 skipped)');
  });

  it('names what a trial changes in the graph, and the layers it names that are gone', () => {
    const doc = xorMlp.build();
    expect(trialChanges(doc, spec, { index: 3, values: { units: 8, lr: 0.2 } })).toEqual(['units of dense_1: 4 → 8', 'learning rate: 0.05 → 0.2']);
    expect(trialChanges(doc, spec, { index: 1, values: { units: 4, lr: 0.05 } })).toEqual([]);
    expect(missingLayers(doc, spec)).toEqual([]);
    expect(missingLayers({ ...doc, nodes: doc.nodes.filter((n) => n.id !== 'dense_1') }, spec)).toEqual(['dense_1']);
  });

  it('counts a search as this project’s by its file, or by its title when it ran before the first save', () => {
    expect(ofProject({ projectPath: '/p/a.nwproj.json', title: 'A' }, '/p/a.nwproj.json', 'B')).toBe(true);
    expect(ofProject({ projectPath: '/p/b.nwproj.json', title: 'A' }, '/p/a.nwproj.json', 'A')).toBe(false);
    expect(ofProject({ projectPath: null, title: 'XOR MLP' }, null, 'XOR MLP')).toBe(true);
    expect(ofProject({ projectPath: '/p/a.nwproj.json', title: 'XOR MLP' }, null, 'XOR MLP')).toBe(false);
    expect(ofProject({ projectPath: null, title: 'XOR MLP' }, '/p/xor.nwproj.json', 'XOR MLP')).toBe(true);
  });
});
