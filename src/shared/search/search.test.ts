import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.ts';
import { createRandom } from '../datasets/random.ts';
import { GraphBuilder } from '../document/builder.ts';
import type { GraphDoc } from '../document/schema.ts';
import type { Issue } from '../document/validate.ts';
import type { SearchRecord, TrialRecord } from '../protocol/search-api.ts';
import { applyTrial } from './apply.ts';
import { checkSearch, describeTrial } from './check.ts';
import { expandTrials, gridSize } from './expand.ts';
import { exportPlan } from './export.ts';
import { formatScore } from './score.ts';
import { foldSplit, meanAndSpread } from './folds.ts';
import { searchSpec, type SearchDimension, type SearchSpec } from './spec.ts';

/** Input [784] → hidden Dense (the chain) → Dense(10) softmax, like the course's MNIST MLP. */
function mlp(): GraphDoc {
  const b = new GraphBuilder('MLP');
  b.sequence(b.add('Input', { shape: [784] }), [
    ['Dense', { units: 32, activation: 'relu' }],
    ['Dense', { units: 10, activation: 'softmax' }],
  ]);
  return b.withTraining({ validationSplit: 0.2 }).build();
}

function search(dimensions: SearchDimension[], patch: Partial<SearchSpec> = {}): SearchSpec {
  return { method: 'grid', trials: 100, seed: 7, rankBy: 'val_loss', validation: { kind: 'holdout' }, dimensions, ...patch };
}

const hidden: SearchDimension = { id: 'n_hidden', target: { kind: 'repeat', nodes: ['dense_1'] }, values: { kind: 'list', items: [0, 1, 2, 3] } };
const units: SearchDimension = { id: 'n_neurons', target: { kind: 'layer', nodes: ['dense_1'], param: 'units' }, values: { kind: 'list', items: [16, 64] } };
const rate: SearchDimension = { id: 'lr', target: { kind: 'training', setting: 'learningRate' }, values: { kind: 'list', items: [0.01, 0.001, 0.0001] } };

describe('the search space', () => {
  it('parses from a project file and refuses a malformed one with the field named', () => {
    const issues: Issue[] = [];
    expect(searchSpec.check(JSON.parse(JSON.stringify(search([hidden, units]))), 'search', issues)).toBeDefined();
    expect(issues).toEqual([]);
    searchSpec.check({ ...search([]), validation: { kind: 'kfold', folds: 11 } }, 'search', issues);
    expect(issues).toEqual([{ path: 'search.validation.folds', message: expect.stringContaining('10') }]);
  });

  it('walks a grid with the first dimension slowest, every combination once', () => {
    const spec = search([units, rate]);
    expect(gridSize(spec.dimensions)).toBe(6);
    const trials = expandTrials(spec);
    expect(trials.map((t) => [t.values.n_neurons, t.values.lr])).toEqual([
      [16, 0.01], [16, 0.001], [16, 0.0001],
      [64, 0.01], [64, 0.001], [64, 0.0001],
    ]);
    expect(trials.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('draws the same random trials for the same seed, others for another, all within their ranges', () => {
    const dims: SearchDimension[] = [
      { id: 'lr', target: { kind: 'training', setting: 'learningRate' }, values: { kind: 'logUniform', min: 1e-4, max: 1e-1 } },
      { id: 'units', target: { kind: 'layer', nodes: ['dense_1'], param: 'units' }, values: { kind: 'int', min: 8, max: 10 } },
      { id: 'opt', target: { kind: 'training', setting: 'optimizer' }, values: { kind: 'list', items: ['sgd', 'adam'] } },
      { id: 'drop', target: { kind: 'layer', nodes: ['dense_1'], param: 'units' }, values: { kind: 'uniform', min: 2, max: 3 } },
    ];
    const a = expandTrials(search(dims, { method: 'random', trials: 400, seed: 3 }));
    const again = expandTrials(search(dims, { method: 'random', trials: 400, seed: 3 }));
    const other = expandTrials(search(dims, { method: 'random', trials: 400, seed: 4 }));
    expect(a).toHaveLength(400);
    expect(again).toEqual(a);
    expect(other).not.toEqual(a);
    const lrs = a.map((t) => t.values.lr as number);
    expect(Math.min(...lrs)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...lrs)).toBeLessThan(1e-1);
    // Log-uniform: about a third of the draws in each decade.
    const decade = lrs.filter((x) => x >= 1e-3 && x < 1e-2).length;
    expect(decade).toBeGreaterThan(100);
    expect(decade).toBeLessThan(170);
    expect(new Set(a.map((t) => t.values.units))).toEqual(new Set([8, 9, 10]));
    expect(new Set(a.map((t) => t.values.opt))).toEqual(new Set(['sgd', 'adam']));
    expect(a.every((t) => (t.values.drop as number) >= 2 && (t.values.drop as number) < 3)).toBe(true);
  });

  it('repeats a chain of layers: 0 to 3 hidden layers give the parameter counts of the course MLP', () => {
    const doc = mlp();
    const spec = search([hidden, units]);
    const counts = expandTrials(spec).map((t) => [t.values.n_hidden, t.values.n_neurons, analyze(applyTrial(doc, spec, t)).summary.totalParams]);
    // 784·u + u per first hidden layer, u·u + u per further one, (u or 784)·10 + 10 for the output.
    expect(counts).toEqual([
      [0, 16, 7850], [0, 64, 7850],
      [1, 16, 784 * 16 + 16 + 16 * 10 + 10], [1, 64, 784 * 64 + 64 + 64 * 10 + 10],
      [2, 16, 784 * 16 + 16 + 16 * 16 + 16 + 170], [2, 64, 784 * 64 + 64 + 64 * 64 + 64 + 650],
      [3, 16, 784 * 16 + 16 + 2 * (16 * 16 + 16) + 170], [3, 64, 784 * 64 + 64 + 2 * (64 * 64 + 64) + 650],
    ]);
  });

  it('writes the values into a plain project: copies take the layer values, training takes its settings, no search is left', () => {
    const doc = { ...mlp(), search: search([hidden, units, rate]) } as GraphDoc;
    const trial = { index: 0, values: { n_hidden: 3, n_neurons: 64, lr: 0.01 } };
    const out = applyTrial(doc, search([hidden, units, rate]), trial);
    expect('search' in out).toBe(false);
    expect(out.training.learningRate).toBe(0.01);
    const dense = out.nodes.filter((n) => n.kind === 'Dense' && n.params.units !== 10);
    expect(dense.map((n) => [n.id, n.params.units])).toEqual([['dense_1', 64], ['dense_1_r2', 64], ['dense_1_r3', 64]]);
    const analysis = analyze(out);
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(analysis.order).toEqual(['input_1', 'dense_1', 'dense_1_r2', 'dense_1_r3', 'dense_2']);
    // The original stays as it was.
    expect(doc.nodes).toHaveLength(3);
    expect(doc.training.learningRate).toBe(0.001);
  });
});

describe('checking a search', () => {
  it('names a value the layer refuses, a range on a grid, and a grid over its budget', () => {
    const doc = mlp();
    const bad = checkSearch(doc, search([{ ...units, values: { kind: 'list', items: [16, 0] } }]));
    expect(bad.problems).toEqual([{ severity: 'error', dimensionId: 'n_neurons', message: expect.stringMatching(/^units of dense_1: Dense refuses 0: expected a positive integer/) }]);
    expect(bad.runnable).toEqual([]);
    const range = checkSearch(doc, search([{ ...units, values: { kind: 'int', min: 8, max: 64 } }]));
    expect(range.problems[0].message).toMatch(/a grid tries lists of values, but this is a int range/);
    const big = checkSearch(doc, search([hidden, units, rate], { trials: 20 }));
    expect(big.problems.map((p) => p.message)).toEqual(['The grid has 24 combinations but the budget is 20 trials: raise the budget, remove values, or switch to random search']);
    const missing = checkSearch(doc, search([{ ...units, target: { kind: 'layer', nodes: ['dense_9'], param: 'units' } }]));
    expect(missing.problems[0].message).toBe('units of dense_9: there is no layer "dense_9"');
    const noVal = checkSearch({ ...doc, training: { ...doc.training, validationSplit: 0 } }, search([units]));
    expect(noVal.problems[0].message).toMatch(/^Ranking by val_loss needs validation data/);
    expect(checkSearch({ ...doc, training: { ...doc.training, validationSplit: 0 } }, search([units], { validation: { kind: 'kfold', folds: 3 } })).problems).toEqual([]);
  });

  it('refuses a chain that is not one, and a training value outside the setting', () => {
    const doc = mlp();
    const notChain = checkSearch(doc, search([{ ...hidden, target: { kind: 'repeat', nodes: ['input_1', 'dense_1'] } }]));
    expect(notChain.problems[0].message).toMatch(/first layer must have exactly one input from outside it \(it has 0\)/);
    const lr = checkSearch(doc, search([{ ...rate, values: { kind: 'list', items: [0.1, 50] } }]));
    expect(lr.problems[0].message).toMatch(/^training learningRate: 50 does not fit/);
  });

  it('analyses each trial and skips those whose structure breaks, naming their values', () => {
    // 8×8 → Conv2D 5×5 'valid' → 4×4; a second copy would need 5×5 of a 4×4 map.
    const b = new GraphBuilder('Conv');
    b.sequence(b.add('Input', { shape: [8, 8, 1] }), [['Conv2D', { filters: 2, kernelSize: [5, 5] }], ['Flatten'], ['Dense', { units: 1 }]]);
    const doc = b.withTraining({ validationSplit: 0.2, loss: 'meanSquaredError', metrics: [] }).build();
    const spec = search([{ id: 'convs', target: { kind: 'repeat', nodes: ['conv2d_1'] }, values: { kind: 'list', items: [0, 1, 2] } }]);
    const checked = checkSearch(doc, spec);
    expect(checked.runnable.map((t) => t.values.convs)).toEqual([0, 1]);
    expect([...checked.broken.keys()]).toEqual([2]);
    expect(checked.problems).toEqual([{ severity: 'warning', trial: 2, message: expect.stringMatching(/^Trial 3 \(convs = 2\) cannot be built and will be skipped: /) }]);
    expect(describeTrial(spec.dimensions, checked.runnable[0])).toBe('convs = 0');
  });
});

describe('scores', () => {
  it('shows a score as its mean and a short spread, accuracy in percent', () => {
    expect(formatScore({ mean: 0.12, std: 0.07, folds: 2 }, 'val_loss')).toBe('0.1200 ± 0.07');
    expect(formatScore({ mean: 0.4321, std: 0, folds: 1 }, 'loss')).toBe('0.4321');
    expect(formatScore({ mean: 0.9134, std: 0.0123, folds: 3 }, 'val_acc')).toBe('91.3% ± 1.2%');
    expect(formatScore(null, 'val_acc')).toBe('—');
  });
});

describe('k-fold splits', () => {
  it('are disjoint, cover every row, and differ in size by at most one', () => {
    for (const [count, k] of [[10, 3], [7, 7], [1000, 10], [5, 2]] as const) {
      const seen = new Uint8Array(count);
      const sizes: number[] = [];
      for (let i = 0; i < k; i++) {
        const split = foldSplit(count, k, i, createRandom(99));
        expect(split.training + split.validation).toBe(count);
        expect(new Set(split.order).size).toBe(count);
        for (const row of split.order.subarray(split.training)) seen[row]++;
        sizes.push(split.validation);
      }
      expect([...seen].every((n) => n === 1)).toBe(true);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('summarise a configuration as mean and sample deviation, leaving failed folds out', () => {
    expect(meanAndSpread([1, 2, 3])).toEqual({ mean: 2, std: 1, count: 3, failed: 0 });
    expect(meanAndSpread([4, Number.NaN])).toEqual({ mean: 4, std: 0, count: 1, failed: 1 });
    expect(meanAndSpread([]).mean).toBeNaN();
  });
});

describe('exporting a project with a search', () => {
  const spec = search([units, rate]);
  const project = { ...mlp(), search: spec } as GraphDoc;
  const trial = (index: number, mean: number | null): TrialRecord => ({
    index,
    values: expandTrials(spec)[index].values,
    status: mean === null ? 'failed' : 'done',
    folds: [],
    score: mean === null ? null : { mean, std: 0.01, folds: 3 },
    params: 0,
    seconds: 1,
    message: null,
  });
  const record = (doc: GraphDoc, trials: TrialRecord[], startedAt = '2026-12-01T00:00:00Z') =>
    ({ format: 1, id: `s${startedAt.slice(8, 10)}`, title: 'MLP', projectPath: null, startedAt, endedAt: startedAt, doc, spec: doc.search!, status: 'completed', trials, current: null, foldsTotal: 0, foldsDone: 0, seconds: 0, message: null }) as SearchRecord;

  it("writes the best trial of the newest search of this very project, and says so", () => {
    const moved = { ...project, nodes: project.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 9 } })) };
    const older = record(project, [trial(0, 0.1)], '2026-11-01T00:00:00Z');
    const newer = record(project, [trial(0, 0.5), trial(1, 0.6), trial(2, 0.7), trial(3, 0.8), trial(4, 0.2), trial(5, null)], '2026-12-02T00:00:00Z');
    const other = record({ ...project, training: { ...project.training, epochs: 99 } }, [trial(1, 0.01)], '2026-12-03T00:00:00Z');
    const plan = exportPlan(moved, [older, other, newer]);
    expect(plan.doc.nodes.find((n) => n.id === 'dense_1')!.params.units).toBe(64);
    expect(plan.doc.training.learningRate).toBe(0.001);
    expect('search' in plan.doc).toBe(false);
    expect(plan.note.join(' ')).toBe("This is the best configuration of the project's search (grid search, search s02): trial 5 of 6, n_neurons = 64, lr = 0.001, val_loss 0.2000 ± 0.01 over 3 folds. The search itself is not part of this program.");
  });

  it('writes the canvas while no search of this project has scored, and says so; a project without a search has no note', () => {
    const plan = exportPlan(project, [record(project, [trial(0, null)])]);
    expect(plan.doc.nodes.find((n) => n.id === 'dense_1')!.params.units).toBe(32);
    expect('search' in plan.doc).toBe(false);
    expect(plan.note[0]).toMatch(/has a search that has not scored a trial yet/);
    expect(exportPlan(mlp(), [])).toEqual({ doc: mlp(), note: [] });
  });
});
