import { describe, expect, it } from 'vitest';
import { describeExit } from './exit-description.ts';
import { duration, formatEvaluation, formatProgress, formatSaved } from './format.ts';

describe('training text', () => {
  it('draws a progress bar with rate and ETA', () => {
    const line = formatProgress({ type: 'progress', epoch: 3, epochs: 10, batch: 50, batchesPerEpoch: 100, step: 250, totalSteps: 1000, samplesPerSec: 1234.4, etaSeconds: 75, elapsedSeconds: 20 }, 10);
    expect(line).toBe('Epoch 3/10 [====>     ]  50%  1,234 samples/s  ETA 1m15s');
    expect(duration(3 * 3600 + 120)).toBe('3h02m');
  });

  it('prints a confusion matrix with class names and per-class accuracy', () => {
    const text = formatEvaluation({ type: 'evaluation', split: 'test', samples: 4, loss: 0.5, metrics: { accuracy: 0.75 }, confusion: [[2, 0], [1, 1]], classNames: ['cat', 'dog'], perClassAccuracy: [1, 0.5], predictions: [] });
    expect(text.split('\n')).toEqual([
      'Test (4 samples): loss 0.5000  accuracy 0.7500',
      'Confusion matrix (rows: true class, columns: predicted):',
      'true \\ predicted     0    1  accuracy',
      '0 cat                2    0  100.0%',
      '1 dog                1    1  50.0%',
    ]);
  });

  it('says which weights a saved model holds', () => {
    const saved = { type: 'savedModel', dir: '/p/xor.model', files: ['/p/xor.model/model.json', '/p/xor.model/weights.bin'], bytes: 2048 } as const;
    expect(formatSaved({ ...saved, weights: { step: 97, epoch: 3, batch: 17, batchesPerEpoch: 40 } })).toBe('Saved the model to /p/xor.model (model.json, weights.bin; 2.0 kB): the weights after epoch 3, batch 17 of 40 (step 97)');
    expect(formatSaved({ ...saved, weights: { step: 120, epoch: 3, batch: 40, batchesPerEpoch: 40 } })).toMatch(/: the weights after epoch 3 \(step 120\)$/);
    expect(formatSaved({ ...saved, weights: { step: 0, epoch: 0, batch: 0, batchesPerEpoch: 40 } })).toMatch(/: the weights as initialized, before any batch$/);
    expect(formatSaved(saved)).toBe('Saved the model to /p/xor.model (model.json, weights.bin; 2.0 kB)');
  });

  it('explains how a trainer process ended', () => {
    expect(describeExit(null, 'SIGKILL', '')).toMatch(/^The trainer was killed \(SIGKILL\)/);
    expect(describeExit(134, null, '<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n')).toBe(
      'The trainer ran out of memory. Try a smaller batch size, a smaller model or a subset of the data. Last message: FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
    );
    expect(describeExit(null, 'SIGABRT', 'terminate called\nCould not load dynamic library libcudart.so.11.0\n')).toMatch(/native library failed.*Last message: Could not load dynamic library libcudart\.so\.11\.0$/);
    expect(describeExit(0, null, '')).toBe('The trainer ended without saying why.');
  });
});
