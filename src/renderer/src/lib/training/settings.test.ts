import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING } from '../../../../shared/document/index.ts';
import { checkSettings, limitCheck, parseNumber, withEarlyStopping, withNumber, withOptimizer, withSchedule } from './settings.ts';
import { formatDuration, formatFigure, formatRate } from './format.ts';

describe('training settings edits', () => {
  it('accepts the defaults and names the bad field with the expected range', () => {
    expect(checkSettings(DEFAULT_TRAINING).size).toBe(0);
    const bad = checkSettings({ ...DEFAULT_TRAINING, learningRate: 0, batchSize: 2.5 });
    expect(bad.get('learningRate')).toMatch(/above 0 and at most 10, got 0/);
    expect(bad.get('batchSize')).toMatch(/integer/);
  });

  it('asks for a validation split when early stopping watches val_loss', () => {
    const s = withEarlyStopping({ ...DEFAULT_TRAINING, validationSplit: 0.2 }, true);
    expect(s.earlyStopping).toEqual({ monitor: 'val_loss', patience: 5, restoreBestWeights: true });
    expect(checkSettings({ ...s, validationSplit: 0 }).get('earlyStopping.monitor')).toMatch(/validation split/);
    expect(withEarlyStopping(s, false).earlyStopping).toBeNull();
  });

  it('brings momentum with the momentum optimizer and drops it with another', () => {
    const m = withOptimizer(DEFAULT_TRAINING, 'momentum');
    expect(m.momentum).toBe(0.9);
    expect('momentum' in withOptimizer(m, 'sgd')).toBe(false);
  });

  it('gives each schedule its parameters', () => {
    expect(withSchedule(DEFAULT_TRAINING, 'step').schedule).toEqual({ kind: 'step', everyEpochs: 10, factor: 0.5 });
    expect(withSchedule(DEFAULT_TRAINING, 'exponential').schedule).toEqual({ kind: 'exponential', decayPerEpoch: 0.95 });
    expect(checkSettings({ ...DEFAULT_TRAINING, schedule: { kind: 'step', everyEpochs: 0, factor: 0.5 } }).has('schedule.everyEpochs')).toBe(true);
  });

  it('reads numbers as people type them', () => {
    expect(parseNumber(' 1e-3 ')).toBe(0.001);
    expect(parseNumber('1,000')).toBe(1000);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('ten')).toBeNaN();
    expect(parseNumber('')).toBeNaN();
  });
});

describe('run figures', () => {
  it('formats durations, rates and figures', () => {
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(null)).toBe('—');
    expect(formatRate(12345.6)).toBe('12,346/s');
    expect(formatRate(87.25)).toBe('87.3/s');
    expect(formatFigure(0.91234, 'accuracy')).toBe('91.2 %');
    expect(formatFigure(0.123456)).toBe('0.1235');
  });
});

describe('withNumber', () => {
  it('replaces top-level and nested numbers', () => {
    expect(withNumber(DEFAULT_TRAINING, 'epochs', 3).epochs).toBe(3);
    const step = withSchedule(DEFAULT_TRAINING, 'step');
    expect(withNumber(step, 'schedule.factor', 0.1).schedule).toEqual({ kind: 'step', everyEpochs: 10, factor: 0.1 });
    expect(withNumber(DEFAULT_TRAINING, 'earlyStopping.patience', 3)).toBe(DEFAULT_TRAINING);
  });
});

describe('limitCheck', () => {
  it("refuses what a search's number fields refuse, each with its own words", () => {
    const trials = limitCheck({ integer: true, min: 1, max: 10_000 });
    expect([trials(1), trials(10_000)]).toEqual([null, null]);
    expect([trials(2.5), trials(0), trials(10_001)]).toEqual(['A whole number', 'At least 1', 'At most 10,000']);
    const logEnd = limitCheck({ min: 0, aboveMin: true });
    expect([logEnd(0), logEnd(1e-6)]).toEqual(['Above 0', null]);
    expect(limitCheck({})(-3.5)).toBeNull();
  });
});
