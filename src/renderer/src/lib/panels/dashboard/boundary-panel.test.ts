import { describe, expect, it } from 'vitest';
import type { DatasetRef } from '../../../../../shared/document/index.ts';
import type { EpochRecord } from '../../../../../shared/protocol/trainer.ts';
import type { EvaluationEvent } from '../../../../../shared/run/index.ts';
import { boundaryLosses, regeneratedFrom, regenerateSeed } from './boundary-panel.ts';

const epoch = (extra: Partial<EpochRecord> = {}): EpochRecord => ({ epoch: 60, loss: 0.0812, metrics: { acc: 0.97 }, learningRate: 0.05, seconds: 0.01, ...extra });
const evaluation = { type: 'evaluation', split: 'test', samples: 40, loss: 0.104, metrics: { acc: 0.95 }, predictions: [] } as EvaluationEvent;
const xor: DatasetRef = { kind: 'generated', name: 'xor', samples: 200, noise: 0.05, trainRatio: 0.8, seed: 1 };

describe('the losses beside the boundary', () => {
  it('names each loss for the data it was measured on', () => {
    expect(boundaryLosses({ lastEpoch: epoch(), evaluation: null })).toEqual([{ id: 'train', label: 'Training loss', value: 0.0812, when: 'epoch 60' }]);
    expect(boundaryLosses({ lastEpoch: epoch({ valLoss: 0.2 }), evaluation }).map((f) => [f.label, f.value, f.when])).toEqual([
      ['Training loss', 0.0812, 'epoch 60'],
      ['Validation loss', 0.2, 'epoch 60'],
      ['Test loss', 0.104, '40 points, after training'],
    ]);
    expect(boundaryLosses({ lastEpoch: null, evaluation: null })).toEqual([]);
  });
});

describe('Regenerate', () => {
  it('picks a new whole seed, never the current one', () => {
    expect(regenerateSeed(1, () => 0.5)).toBe(500_000);
    expect(regenerateSeed(1, () => 0)).toBe(2);
    expect(regenerateSeed(999_999, () => 0.9999999999)).toBe(1);
    for (let i = 0; i < 50; i++) {
      const s = regenerateSeed(7);
      expect(Number.isInteger(s) && s >= 1 && s <= 999_999 && s !== 7).toBe(true);
    }
  });

  it("knows the project's set as the run's set with another seed, and nothing else", () => {
    expect(regeneratedFrom({ ...xor, seed: 42 }, xor)).toEqual({ ...xor, seed: 42 });
    expect(regeneratedFrom(xor, xor)).toBeNull();
    expect(regeneratedFrom({ ...xor, seed: 42, noise: 0.2 }, xor)).toBeNull();
    expect(regeneratedFrom({ ...xor, seed: 42 }, { ...xor, name: 'circle' })).toBeNull();
    expect(regeneratedFrom({ kind: 'builtin', name: 'mnist' }, xor)).toBeNull();
    expect(regeneratedFrom({ ...xor, seed: 42 }, null)).toBeNull();
  });
});
