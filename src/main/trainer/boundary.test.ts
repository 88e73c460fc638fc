import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../shared/document/builder.ts';
import type { DatasetInfo } from '../../shared/protocol/datasets.ts';
import type { InlineDataset, TrainerEvent } from '../../shared/protocol/trainer.ts';
import { xorMlp } from '../../shared/templates/xor-mlp.ts';
import { coarseCells, gridInputs, type BoundaryPlan } from './boundary-grid.ts';
import { trainInProcess } from './testing.ts';

type Boundary = Extract<TrainerEvent, { type: 'boundary' }>;

/** The output cell under the point (x, y) of the plane. */
function cellAt(b: Boundary, x: number, y: number): number {
  const col = Math.min(b.size - 1, Math.floor(((x - b.xMin) / (b.xMax - b.xMin)) * b.size));
  const row = Math.min(b.size - 1, Math.floor(((b.yMax - y) / (b.yMax - b.yMin)) * b.size));
  return row * b.size + col;
}

const often = { snapshotEvery: 20, snapshotMinIntervalMs: 0 };

function inline(info: Omit<DatasetInfo, 'trainCount' | 'testCount' | 'targetSize' | 'isImage' | 'title' | 'task'>, x: number[], y: number[]): InlineDataset {
  const n = y.length;
  return { kind: 'inline', info: { title: 'inline', task: 'classification', targetSize: 1, trainCount: n, testCount: 0, isImage: false, ...info }, xTrain: x, yTrain: y, xTest: [], yTest: [] };
}

describe('decision boundary', () => {
  it('lays the grid out row 0 at the top, with derived columns in the listed order, and samples unit cells at fine-cell centres', () => {
    const plan: BoundaryPlan = { xMin: -1, xMax: 1, yMin: -2, yMax: 2, features: ['x2sq', 'sinx1'], numClasses: 2 };
    const g = gridInputs(plan, 4);
    expect(g).toHaveLength(4 * 4 * 4);
    // Cell (0, 0): the top-left, centre (-0.75, 1.5).
    expect(Array.from(g.subarray(0, 4))).toEqual([-0.75, 1.5, 2.25, Math.fround(Math.sin(-0.75))]);
    // Cell (3, 2): centre (0.25, -1.5).
    expect(Array.from(g.subarray((3 * 4 + 2) * 4, (3 * 4 + 2) * 4 + 2))).toEqual([0.25, -1.5]);
    expect(Array.from(coarseCells(6, 2))).toEqual([1 * 6 + 1, 1 * 6 + 4, 4 * 6 + 1, 4 * 6 + 4]);
  });

  it('shows the XOR MLP bending its boundary around the four corners, with each hidden unit pictured', async () => {
    const run = trainInProcess(xorMlp.build(), { backend: 'cpu' }, { options: often });
    expect((await run.done).reason).toBe('completed');
    const boundaries = run.of('boundary');
    expect(boundaries.length).toBeGreaterThanOrEqual(3);
    const [first, last] = [boundaries[0], boundaries.at(-1)!];
    expect(first.step).toBe(1);
    expect(last.step).toBe(600);
    // The last boundary comes before the test report and the exit.
    expect(run.events.findIndex((e) => e === last)).toBeLessThan(run.events.findIndex((e) => e.type === 'evaluation'));
    expect(last).toMatchObject({ size: 48, numClasses: 2, unitSize: 16 });
    expect(last.predicted).toBeUndefined();
    expect(last.output).toHaveLength(48 * 48);
    expect(last.xMin).toBeLessThan(0);
    expect(last.xMax).toBeGreaterThan(1);
    for (const [x, y, cls] of [[0, 0, 0], [1, 1, 0], [0, 1, 1], [1, 0, 1]]) {
      const p = last.output[cellAt(last, x, y)];
      expect(cls ? p > 0.5 : p < 0.5, `cell at (${x}, ${y}) reads ${p}`).toBe(true);
    }
    expect(first.output).not.toEqual(last.output);
    expect(last.units.map((u) => `${u.layer}:${u.unit}`)).toEqual(['dense_1:0', 'dense_1:1', 'dense_1:2', 'dense_1:3']);
    for (const u of last.units) {
      expect(u.values).toHaveLength(16 * 16);
      expect(Number.isFinite(u.min) && Number.isFinite(u.max) && u.min <= u.max).toBe(true);
      expect(Math.min(...u.values)).toBe(u.min);
      // tanh units
      expect(u.min).toBeGreaterThanOrEqual(-1);
      expect(u.max).toBeLessThanOrEqual(1);
    }
  });

  it('draws a circle with no hidden layer when x1² and x2² are inputs', async () => {
    const b = new GraphBuilder('circle');
    b.sequence(b.add('Input', { shape: [4] }), [['Dense', { units: 1, activation: 'sigmoid' }]]);
    const doc = b
      .withDataset({ kind: 'generated', name: 'circle', samples: 200, noise: 0, trainRatio: 1, features: ['x1sq', 'x2sq'], seed: 3 })
      .withTraining({ optimizer: 'adam', learningRate: 0.1, loss: 'binaryCrossentropy', metrics: ['accuracy'], batchSize: 20, epochs: 40, validationSplit: 0 })
      .build();
    const run = trainInProcess(doc, { backend: 'cpu' }, { options: often });
    expect((await run.done).reason).toBe('completed');
    const last = run.of('boundary').at(-1)!;
    expect(last.units).toEqual([]);
    // The circle set spans ±5, so the plane is ±6 as in TensorFlow Playground.
    expect(last.xMin).toBeCloseTo(-6, 0);
    expect(last.yMax).toBeCloseTo(6, 0);
    const centre = last.output[cellAt(last, 0, 0)];
    const corners = [last.output[0], last.output[47], last.output[47 * 48], last.output[48 * 48 - 1]];
    expect(centre).toBeGreaterThan(0.5);
    for (const c of corners) expect(c).toBeLessThan(0.5);
  });

  it('gives three classes a predicted class per cell and the winning probability', async () => {
    const centres = [[-3, -2], [3, -2], [0, 3]];
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 150; i++) {
      const k = i % 3;
      x.push(centres[k][0] + Math.sin(i * 1.7), centres[k][1] + Math.cos(i * 2.3));
      y.push(k);
    }
    const b = new GraphBuilder('three');
    b.sequence(b.add('Input', { shape: [2] }), [['Dense', { units: 8, activation: 'relu' }], ['Dense', { units: 3, activation: 'softmax' }]]);
    const doc = b.withTraining({ optimizer: 'adam', learningRate: 0.05, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], batchSize: 25, epochs: 30, validationSplit: 0 }).build();
    const tensorsBefore = tf.memory().numTensors;
    const run = trainInProcess(doc, { backend: 'cpu' }, { dataset: inline({ inputShape: [2], numClasses: 3 }, x, y), options: often });
    expect((await run.done).reason).toBe('completed');
    // The grid, the probe and everything each picture made are gone with the run.
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const last = run.of('boundary').at(-1)!;
    expect(last.numClasses).toBe(3);
    expect(last.predicted).toHaveLength(48 * 48);
    expect(new Set(last.predicted)).toEqual(new Set([0, 1, 2]));
    centres.forEach(([cx, cy], k) => expect(last.predicted![cellAt(last, cx, cy)]).toBe(k));
    expect(Math.min(...last.output)).toBeGreaterThanOrEqual(1 / 3 - 1e-3);
    expect(Math.max(...last.output)).toBeLessThanOrEqual(1);
    expect(last.units).toHaveLength(8);
  });

  it('sends none for inputs that are not a plane', async () => {
    const b = new GraphBuilder('four');
    b.sequence(b.add('Input', { shape: [4] }), [['Dense', { units: 4, activation: 'relu' }], ['Dense', { units: 1, activation: 'sigmoid' }]]);
    const doc = b.withTraining({ loss: 'binaryCrossentropy', batchSize: 4, epochs: 2, validationSplit: 0 }).build();
    const x = Array.from({ length: 32 }, (_, i) => (i % 5) / 5);
    const run = trainInProcess(doc, { backend: 'cpu' }, { dataset: inline({ inputShape: [4], numClasses: 2 }, x, [0, 1, 0, 1, 1, 0, 1, 0]), options: often });
    expect((await run.done).reason).toBe('completed');
    expect(run.of('snapshot').length).toBeGreaterThan(0);
    expect(run.of('boundary')).toEqual([]);
  });
});
