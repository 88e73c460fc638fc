import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../shared/analysis/index.ts';
import { GraphBuilder } from '../../../../shared/document/builder.ts';
import type { LayerSnapshot } from '../../../../shared/protocol/trainer.ts';
import { workedTwoTwoOne } from '../../../../shared/templates/worked-two-two-one.ts';
import { xorMlp } from '../../../../shared/templates/xor-mlp.ts';
import { EDGE_WIDTH, edgeStyle, fitOptions, layoutNetwork, maxAbsWeight, snapshotWeights, startWeightsOf, unitChain, unitPictures, type UnitChain } from './network-layout.ts';

function chainOf(build: (b: GraphBuilder, x: string) => void, shape = [2]): ReturnType<typeof unitChain> {
  const b = new GraphBuilder('t');
  build(b, b.add('Input', { shape }));
  return unitChain(analyze(b.build()));
}

describe('unitChain', () => {
  it('reads the XOR template as 2 inputs → 4 tanh → 1 sigmoid', () => {
    const r = unitChain(analyze(xorMlp.build()));
    expect(r).toEqual({
      ok: true,
      chain: {
        inputs: 2,
        inputNodeId: 'input_1',
        layers: [
          { nodeId: 'dense_1', name: 'dense_1', units: 4, activation: 'tanh', useBias: true },
          { nodeId: 'dense_2', name: 'dense_2', units: 1, activation: 'sigmoid', useBias: true },
        ],
      },
    });
  });

  it('folds an Activation into the Dense before it and skips Dropout', () => {
    const r = chainOf((b, x) => b.sequence(x, [['Dense', { units: 3 }], ['Activation', { activation: 'relu' }], ['Dropout', { rate: 0.2 }], ['Dense', { units: 1, useBias: false }]]));
    expect(r.ok && r.chain.layers.map((l) => [l.units, l.activation, l.useBias])).toEqual([
      [3, 'relu', true],
      [1, 'linear', false],
    ]);
  });

  it('says why a network cannot be drawn unit by unit', () => {
    const wide = chainOf((b, x) => b.sequence(x, [['Dense', { units: 60 }], ['Dense', { units: 5 }]]));
    expect(wide).toEqual({ ok: false, reason: expect.stringContaining('at most 64 units; this one has 65') });
    const image = chainOf((b, x) => b.sequence(x, [['Flatten'], ['Dense', { units: 2 }]]), [4, 4, 1]);
    expect(image.ok).toBe(false);
    expect(!image.ok && image.reason).toMatch(/flat Input.*\[4,4,1\]/);
    const many = chainOf((b, x) => b.sequence(x, [['Dense', { units: 2 }]]), [20]);
    expect(!many.ok && many.reason).toContain('at most 16 inputs; this network has 20');
  });
});

const chain: UnitChain = {
  inputs: 2,
  inputNodeId: 'input_1',
  layers: [
    { nodeId: 'd1', name: 'dense_1', units: 4, activation: 'tanh', useBias: true },
    { nodeId: 'd2', name: 'dense_2', units: 1, activation: 'sigmoid', useBias: true },
  ],
};

describe('layoutNetwork', () => {
  const l = layoutNetwork(chain, { node: 40, colGap: 100, rowGap: 50, header: 30, pad: 10 });

  it('puts one circle per input and unit in columns, centred on the tallest', () => {
    expect(l.units).toHaveLength(7);
    expect(l.units.filter((u) => u.layer === -1).map((u) => u.x)).toEqual([30, 30]);
    expect(l.units.filter((u) => u.layer === 0).map((u) => [u.x, u.y])).toEqual([
      [130, 60],
      [130, 110],
      [130, 160],
      [130, 210],
    ]);
    // The single output unit sits level with the middle of the four.
    expect(l.units.find((u) => u.layer === 1)).toMatchObject({ x: 230, y: 135 });
    expect(l.units.filter((u) => u.layer === -1).map((u) => u.y)).toEqual([110, 160]);
    expect([l.width, l.height]).toEqual([260, 240]);
    expect(l.columns.map((c) => c.label)).toEqual(['Input', 'dense_1', 'dense_2']);
    expect(l.columns[1].sub).toBe('4 · tanh');
  });

  it('connects every unit to every unit of the next column, rim to rim', () => {
    expect(l.edges).toHaveLength(2 * 4 + 4 * 1);
    const e = l.edges.find((x) => x.layer === 0 && x.from === 0 && x.to === 0)!;
    // Input 0 (30, 110) to unit 0 (130, 60): the line starts and ends 20 px inside the centres.
    expect(Math.hypot(e.x1 - 30, e.y1 - 110)).toBeCloseTo(20, 6);
    expect(Math.hypot(e.x2 - 130, e.y2 - 60)).toBeCloseTo(20, 6);
    expect(new Set(l.edges.map((x) => x.id)).size).toBe(l.edges.length);
  });
});

describe('edge styles and weights', () => {
  it('scales width with |weight| against the largest and keeps the sign', () => {
    expect(edgeStyle(-2, 2)).toEqual({ sign: -1, width: EDGE_WIDTH.max, strength: 1 });
    expect(edgeStyle(0.5, 2).width).toBeCloseTo(EDGE_WIDTH.min + (EDGE_WIDTH.max - EDGE_WIDTH.min) / 4, 9);
    expect(edgeStyle(0.5, 2).sign).toBe(1);
    expect(edgeStyle(null, 2)).toEqual({ sign: 0, width: 1, strength: 0 });
  });

  const snap = (nodeId: string, rows: number, cols: number, values: number[], bias?: number[], shrunk = false): LayerSnapshot => ({
    nodeId,
    name: nodeId,
    className: 'Dense',
    kernel: { shape: [rows, cols], histogram: { min: 0, max: 0, counts: [] }, mean: 0, std: 0, matrix: { rows, cols, sourceRows: shrunk ? rows * 2 : rows, sourceCols: cols, values } },
    ...(bias ? { bias: { shape: [cols], histogram: { min: 0, max: 0, counts: [] }, mean: 0, std: 0, values: bias } } : {}),
  });

  it('reads kernels and biases from a snapshot, and refuses shrunk or bias-less ones', () => {
    const layers = [snap('d1', 2, 4, [1, 2, 3, 4, 5, 6, 7, -8], [0.1, 0.2, 0.3, 0.4]), snap('d2', 4, 1, [1, 0, -1, 0.5], [-0.5])];
    const w = snapshotWeights(chain, layers)!;
    expect(w[0].kernel).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, -8],
    ]);
    expect(w[1]).toEqual({ kernel: [[1], [0], [-1], [0.5]], bias: [-0.5] });
    expect(maxAbsWeight(w)).toBe(8);
    expect(snapshotWeights(chain, [layers[0], snap('d2', 4, 1, [1, 0, -1, 0.5])])).toBeNull();
    expect(snapshotWeights(chain, [snap('d1', 2, 4, [1, 2, 3, 4, 5, 6, 7, -8], [0, 0, 0, 0], true), layers[1]])).toBeNull();
  });
});

describe('fitOptions and unitPictures', () => {
  it('grows units to fill a box, within limits, and leaves room for labels below them', () => {
    const roomy = fitOptions(chain, { width: 900, height: 600 });
    expect(roomy.node).toBe(64);
    const l = layoutNetwork(chain, roomy);
    expect(l.width).toBeLessThanOrEqual(900);
    expect(l.height).toBeLessThanOrEqual(600);
    const labelled = fitOptions(chain, { width: 900, height: 600 }, 46, 56);
    expect(labelled.rowGap - labelled.node).toBeGreaterThanOrEqual(46);
    expect(fitOptions(chain, { width: 300, height: 120 }).node).toBe(26);
  });

  it('takes hidden units from the boundary event, the output from the boundary, and ramps for the inputs', () => {
    const boundary = {
      type: 'boundary' as const,
      step: 1,
      epoch: 1,
      xMin: -1,
      xMax: 1,
      yMin: -1,
      yMax: 1,
      size: 2,
      numClasses: 2,
      output: [0, 0.5, 1, 0.25],
      unitSize: 2,
      units: [{ layer: 'dense_1', nodeId: 'd1', unit: 3, min: -1, max: 2, values: [1, 2, -1, 0] }],
    };
    const p = unitPictures(chain, boundary);
    expect(p.get('0:3')).toEqual({ values: [1, 2, -1, 0], size: 2, min: -1, max: 2 });
    expect(p.get('1:0')).toEqual({ values: [-0.5, 0, 0.5, -0.25], size: 2, min: -0.5, max: 0.5 });
    // x1 grows to the right, x2 upwards (row 0 is the top of the plane).
    const x1 = p.get('in:0')!;
    expect([x1.values[0], x1.values[x1.size - 1]]).toEqual([-1, 1]);
    const x2 = p.get('in:1')!;
    expect([x2.values[0], x2.values[x2.values.length - 1]]).toEqual([1, -1]);
    expect(p.has('0:0')).toBe(false);
    expect(unitPictures(chain, null).size).toBe(0);
  });
});

describe('startWeightsOf', () => {
  it("reads the layers' explicit starting weights, or null when a layer has none", () => {
    const doc = workedTwoTwoOne.build();
    const r = unitChain(analyze(doc));
    if (!r.ok) throw new Error(r.reason);
    expect(startWeightsOf(r.chain, analyze(doc))).toEqual(workedTwoTwoOne.worked!.weights);
    expect(startWeightsOf(r.chain, analyze({ ...doc, nodes: doc.nodes.map((n) => (n.id === 'dense_2' ? { ...n, params: { units: 1 } } : n)) }))).toBeNull();
  });
});
