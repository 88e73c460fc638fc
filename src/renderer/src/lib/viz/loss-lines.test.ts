import { describe, expect, it } from 'vitest';
import { changeLabel, changeMarkers, curveLines, isShare, lastSmoothed, metricTitle } from './loss-lines.ts';
import type { CurveData } from './curves.ts';
import { EMPTY_SERIES, seriesOf } from './series.ts';

const series = (points: [number, number][]) => seriesOf(points.map(([x, y]) => ({ x, y })));

const run: CurveData = {
  label: 'Run 1',
  batchesPerEpoch: 100,
  metric: 'accuracy',
  batchLoss: series([[50, 1], [100, 0.8], [150, 0.6], [200, 0.5]]),
  batchMetric: EMPTY_SERIES,
  epochLoss: series([[1, 0.9], [2, 0.55]]),
  valLoss: series([[1, 0.95], [2, 0.6]]),
  epochMetric: EMPTY_SERIES,
  valMetric: EMPTY_SERIES,
};

describe('curveLines', () => {
  it('draws raw batches faint, their smoothed curve, epoch dots and validation, in epochs', () => {
    const { loss } = curveLines(run, { train: '#00f', val: '#f80' }, 0.5, 'epoch');
    expect(loss.map((l) => l.id)).toEqual(['run-loss-raw', 'run-loss-smooth', 'run-loss-epoch', 'run-loss-val']);
    expect(Array.from(loss[0].x)).toEqual([0.5, 1, 1.5, 2]);
    expect(loss[0].hover).toBe(false);
    expect(loss[2].line).toBe(false);
    expect(Array.from(loss[3].x)).toEqual([1, 2]);
  });

  it('puts epochs on the step axis when asked, and names compared runs', () => {
    const { loss } = curveLines(run, { train: '#00f', val: '#f80', prefix: 'Run 1', dash: [6, 4] }, 0.5, 'step', 'b');
    expect(Array.from(loss[3].x)).toEqual([100, 200]);
    expect(loss[1].label).toBe('Run 1 · training');
    expect(loss[1].dash).toEqual([6, 4]);
  });

  it('reports the last smoothed value and names metrics', () => {
    expect(lastSmoothed(series([[1, 2], [2, 2]]), 0.9)).toBeCloseTo(2, 12);
    expect(lastSmoothed(EMPTY_SERIES, 0.9)).toBeNull();
    expect(metricTitle('mae')).toBe('Mean absolute error');
    expect(isShare('accuracy')).toBe(true);
    expect(isShare('mae')).toBe(false);
  });
});

describe('changeMarkers: live changes on the curves', () => {
  const changes = [
    { step: 121, what: 'learningRate' as const, from: 0.03, to: 0.1 },
    { step: 121, what: 'l2' as const, from: 0, to: 0.0001 },
    { step: 301, what: 'l1' as const, from: 0, to: 0.001 },
  ];

  it('puts one labelled marker between the last batch with the old value and the first with the new, in steps or epochs', () => {
    expect(changeLabel(changes[0])).toBe('lr 0.03 → 0.1');
    const bySteps = changeMarkers(changes, 'step', 100, '#80f');
    expect(bySteps.map((m) => [m.x, m.glyph])).toEqual([
      [120, 'lr 0.03 → 0.1 · L2 0 → 1e-4'],
      [300, 'L1 0 → 0.001'],
    ]);
    expect(bySteps[0].title).toBe('Learning rate 0.03 → 0.1 from step 121; L2 rate 0 → 1e-4 from step 121');
    expect(changeMarkers(changes, 'epoch', 100, '#80f').map((m) => m.x)).toEqual([1.2, 3]);
  });

  it('draws none in epochs while the epoch length is unknown', () => {
    expect(changeMarkers(changes, 'epoch', 0, '#80f')).toEqual([]);
  });
});
