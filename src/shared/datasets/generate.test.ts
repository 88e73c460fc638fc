import { describe, expect, it } from 'vitest';
import { GENERATED_DATASETS } from '../document/schema.ts';
import { generatedFeatureNames, type GeneratedRef } from './describe.ts';
import { generateDataset } from './generate.ts';
import { PLANE } from './generators.ts';

const ref = (patch: Partial<GeneratedRef> = {}): GeneratedRef => ({
  kind: 'generated', name: 'xor', samples: 400, noise: 0.1, trainRatio: 0.75, seed: 7, ...patch,
});

/** Least squares fit of y = X·w (X with a trailing column of ones), by the normal equations. */
function leastSquares(rows: number[][], y: number[]): number[] {
  const X = rows.map((r) => [...r, 1]);
  const k = X[0].length;
  const a = Array.from({ length: k }, (_, i) => [...Array.from({ length: k }, (_, j) => X.reduce((s, r) => s + r[i] * r[j], 0)), X.reduce((s, r, n) => s + r[i] * y[n], 0)]);
  for (let c = 0; c < k; c++) {
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let j = c; j <= k; j++) a[r][j] -= f * a[c][j];
    }
  }
  return a.map((row, i) => row[k] / a[i][i]);
}

const rowsOf = (x: Float32Array, width: number) => Array.from({ length: x.length / width }, (_, i) => Array.from(x.subarray(i * width, (i + 1) * width)));

describe('generateDataset', () => {
  it('is deterministic per seed and changes with the seed', () => {
    const a = generateDataset(ref());
    const b = generateDataset(ref());
    const c = generateDataset(ref({ seed: 8 }));
    expect(a.xTrain).toEqual(b.xTrain);
    expect(a.yTest).toEqual(b.yTest);
    expect(a.xTrain).not.toEqual(c.xTrain);
  });

  it.each(GENERATED_DATASETS)('%s: shapes and split follow the settings', (name) => {
    const d = generateDataset(ref({ name, samples: 301, trainRatio: 0.8 }));
    const width = name === 'linear' ? 1 : 2;
    expect(d.info.trainCount).toBe(241);
    expect(d.info.testCount).toBe(60);
    expect(d.info.inputShape).toEqual([width]);
    expect(d.info.targetSize).toBe(1);
    expect(d.xTrain).toBeInstanceOf(Float32Array);
    expect(d.xTrain.length).toBe(241 * width);
    expect(d.yTrain.length).toBe(241);
    expect(d.xTest.length).toBe(60 * width);
    expect(d.yTest.length).toBe(60);
    expect(d.xTrain.buffer).not.toBe(d.xTest.buffer);
    expect([...d.xTrain, ...d.yTrain, ...d.xTest, ...d.yTest].every(Number.isFinite)).toBe(true);
    const regression = name === 'linear' || name === 'plane';
    expect(d.info.task).toBe(regression ? 'regression' : 'classification');
    expect(d.info.numClasses).toBe(regression ? 0 : 2);
    if (!regression) expect([...d.yTrain, ...d.yTest].every((y) => y === 0 || y === 1)).toBe(true);
  });

  it.each(['xor', 'circle', 'gaussian', 'spiral'] as const)('%s: the classes are balanced and shuffled across the split', (name) => {
    const d = generateDataset(ref({ name, samples: 1000, trainRatio: 0.5 }));
    const ones = (y: Float32Array) => y.reduce((s, v) => s + v, 0);
    expect(ones(d.yTrain) + ones(d.yTest)).toBe(500);
    expect(ones(d.yTrain)).toBeGreaterThan(200);
    expect(ones(d.yTrain)).toBeLessThan(300);
  });

  it('and / or: the truth table decides the label; corners come equally often', () => {
    const and = generateDataset(ref({ name: 'and', samples: 400, noise: 0, trainRatio: 1 }));
    const corners = new Map<string, number[]>();
    rowsOf(and.xTrain, 2).forEach((r, i) => corners.set(r.join(','), [...(corners.get(r.join(',')) ?? []), and.yTrain[i]]));
    expect([...corners.keys()].sort()).toEqual(['0,0', '0,1', '1,0', '1,1']);
    expect([...corners.values()].map((ys) => ys.length)).toEqual([100, 100, 100, 100]);
    expect(corners.get('1,1')!.every((y) => y === 1)).toBe(true);
    expect(corners.get('0,1')!.every((y) => y === 0)).toBe(true);
    const or = generateDataset(ref({ name: 'or', samples: 400, noise: 0, trainRatio: 1 }));
    expect(or.yTrain.reduce((s, y) => s + y, 0)).toBe(300);
    expect(or.info.classNames).toEqual(['false', 'true']);
    expect(and.info.testCount).toBe(0);
  });

  it('xor with noise keeps points near their corner', () => {
    const d = generateDataset(ref({ name: 'xor', noise: 0.05, samples: 400 }));
    rowsOf(d.xTrain, 2).forEach(([a, b], i) => {
      expect(Math.round(a) ^ Math.round(b)).toBe(d.yTrain[i]);
    });
  });

  it('circle: inside points are class 1, ring points class 0 when clean', () => {
    const d = generateDataset(ref({ name: 'circle', noise: 0, samples: 500 }));
    rowsOf(d.xTrain, 2).forEach(([a, b], i) => {
      const r = Math.hypot(a, b);
      expect(d.yTrain[i] === 1 ? r <= 2.5 : r >= 3.5 && r <= 5).toBe(true);
    });
  });

  it('gaussian: the two blobs sit around (2, 2) and (−2, −2)', () => {
    const d = generateDataset(ref({ name: 'gaussian', noise: 0, samples: 2000, trainRatio: 1 }));
    const mean = (label: number) => {
      const pts = rowsOf(d.xTrain, 2).filter((_, i) => d.yTrain[i] === label);
      return [0, 1].map((k) => pts.reduce((s, p) => s + p[k], 0) / pts.length);
    };
    for (const m of mean(1)) expect(m).toBeCloseTo(2, 0);
    for (const m of mean(0)) expect(m).toBeCloseTo(-2, 0);
  });

  it('linear: least squares recovers slope 2 and intercept 1', () => {
    const d = generateDataset(ref({ name: 'linear', samples: 2000, noise: 0.1, trainRatio: 1 }));
    expect(d.info.featureNames).toEqual(['x']);
    const [slope, intercept] = leastSquares(rowsOf(d.xTrain, 1), Array.from(d.yTrain));
    expect(slope).toBeCloseTo(2, 1);
    expect(intercept).toBeCloseTo(1, 1);
    expect(Math.min(...d.xTrain)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...d.xTrain)).toBeLessThanOrEqual(1);
  });

  it('plane: least squares recovers its coefficients', () => {
    const d = generateDataset(ref({ name: 'plane', samples: 2000, noise: 0.1, trainRatio: 1 }));
    const [a, b, c] = leastSquares(rowsOf(d.xTrain, 2), Array.from(d.yTrain));
    expect(a).toBeCloseTo(PLANE.a, 1);
    expect(b).toBeCloseTo(PLANE.b, 1);
    expect(c).toBeCloseTo(PLANE.c, 1);
  });

  it('appends derived features as extra columns in the order listed', () => {
    const d = generateDataset(ref({ name: 'spiral', features: ['x1x2', 'x1sq', 'sinx2', 'x2sq', 'sinx1'] }));
    expect(d.info.featureNames).toEqual(['x1', 'x2', 'x1·x2', 'x1²', 'sin(x2)', 'x2²', 'sin(x1)']);
    expect(d.info.inputShape).toEqual([7]);
    for (const [x1, x2, prod, sq1, sin2, sq2, sin1] of rowsOf(d.xTest, 7)) {
      expect(prod).toBeCloseTo(x1 * x2, 4);
      expect(sq1).toBeCloseTo(x1 * x1, 4);
      expect(sq2).toBeCloseTo(x2 * x2, 4);
      expect(sin1).toBeCloseTo(Math.sin(x1), 5);
      expect(sin2).toBeCloseTo(Math.sin(x2), 5);
    }
    const plain = generateDataset(ref({ name: 'spiral' }));
    expect(rowsOf(plain.xTrain, 2)).toEqual(rowsOf(d.xTrain, 7).map((r) => r.slice(0, 2)));
  });

  it('allows x features on the one-input line and explains why x2 features are not', () => {
    expect(generatedFeatureNames(ref({ name: 'linear', features: ['x1sq', 'sinx1'] }))).toEqual(['x', 'x²', 'sin(x)']);
    expect(() => generateDataset(ref({ name: 'linear', features: ['x1x2'] }))).toThrow(
      'The Line y = 2x + 1 set has one input (x), so the derived feature x·x2 does not exist: remove "x1x2" from features',
    );
    expect(() => generateDataset(ref({ features: ['x1sq', 'x1sq'] }))).toThrow('The derived feature x1² is listed twice in features: remove one "x1sq"');
  });

  it('keeps at least one training sample and may leave the test set empty', () => {
    expect(generateDataset(ref({ samples: 4, trainRatio: 0.05 })).info.trainCount).toBe(1);
    const all = generateDataset(ref({ trainRatio: 1 }));
    expect(all.info.testCount).toBe(0);
    expect(all.xTest.length).toBe(0);
  });

  it('titles the set with its size and noise', () => {
    expect(generateDataset(ref({ name: 'spiral', samples: 1200, noise: 0.2 })).info.title).toBe('Spiral (1,200 points, noise 0.2)');
    expect(generateDataset(ref({ name: 'circle', noise: 0 })).info.title).toBe('Circle (400 points)');
  });
});
