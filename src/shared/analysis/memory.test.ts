import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../document/builder.ts';
import { analyze } from './analyze.ts';
import { estimateTrainingMemory, formatBytes, judgeMemory } from './memory.ts';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

/** Input 784 → Dense 300 → Dense 100 → Dense 10: 266,610 weights. */
function mlp(units = 300) {
  const b = new GraphBuilder('mlp');
  b.sequence(b.add('Input', { shape: [784] }), [['Dense', { units, activation: 'relu' }], ['Dense', { units: 100, activation: 'relu' }], ['Dense', { units: 10, activation: 'softmax' }]]);
  return analyze(b.build());
}

describe('estimateTrainingMemory', () => {
  it('adds the weights, their gradients, the optimizer state and one batch, in float32', () => {
    const a = mlp();
    expect(a.summary.totalParams).toBe(266_610);
    const adam = estimateTrainingMemory(a, { optimizer: 'adam', batchSize: 32 })!;
    expect(adam).toEqual({
      weights: 266_610 * 4,
      gradients: 266_610 * 4,
      optimizer: 2 * 266_610 * 4,
      // Outputs of the Input and the three Dense layers, kept and differentiated: 2 × (784 + 300 + 100 + 10) × 32 × 4 bytes.
      batch: 2 * 1194 * 32 * 4,
      total: 4 * 266_610 * 4 + 2 * 1194 * 32 * 4,
      batchSize: 32,
    });
    expect(estimateTrainingMemory(a, { optimizer: 'sgd', batchSize: 32 })!.optimizer).toBe(0);
    expect(estimateTrainingMemory(a, { optimizer: 'momentum', batchSize: 1024 })!.batch).toBe(32 * adam.batch);
  });

  it('says nothing while a shape is unknown', () => {
    const b = new GraphBuilder('broken');
    b.sequence(b.add('Input', { shape: [4, 4] }), [['Dense', { units: 3 }], ['Reshape', { targetShape: [5] }]]);
    expect(estimateTrainingMemory(analyze(b.build()), { optimizer: 'adam', batchSize: 8 })).toBeNull();
  });
});

describe('judgeMemory', () => {
  const estimate = (parts: { weights?: number; batch?: number }) => {
    const weights = parts.weights ?? 0;
    const batch = parts.batch ?? 0;
    return { weights, gradients: weights, optimizer: 2 * weights, batch, total: 4 * weights + batch, batchSize: 512 };
  };

  it('refuses what the machine cannot hold and points at the bigger part', () => {
    expect(judgeMemory(estimate({ weights: 5 * GB }), 16 * GB)).toEqual({ level: 'error', message: 'Training needs about 20.0 GB but this machine has 16.0 GB: use fewer or smaller layers.' });
    expect(judgeMemory(estimate({ batch: 20 * GB }), 16 * GB).message).toBe('Training needs about 20.0 GB but this machine has 16.0 GB: lower the batch size (512).');
  });

  it('warns above half the machine and is quiet below', () => {
    expect(judgeMemory(estimate({ weights: 2.5 * GB }), 16 * GB).level).toBe('warning');
    expect(judgeMemory(estimate({ weights: 100 * MB }), 16 * GB)).toEqual({ level: 'ok', message: null });
    expect(judgeMemory(estimate({ weights: 100 * GB }), 0).level).toBe('ok');
  });

  it('an endless network never fits', () => {
    const v = judgeMemory(estimate({ weights: Infinity }), 16 * GB);
    expect(v).toEqual({ level: 'error', message: 'This network is too large to train on any machine: use fewer or smaller layers.' });
    expect(judgeMemory(estimate({ weights: Infinity }), 0).level).toBe('error');
  });
});

describe('formatBytes', () => {
  it('uses binary units and about three digits', () => {
    expect([812, 4.2 * MB, 310 * MB, 1.5 * GB, 1023.9 * 1024].map(formatBytes)).toEqual(['812 B', '4.20 MB', '310 MB', '1.50 GB', '1024 KB']);
  });
});
