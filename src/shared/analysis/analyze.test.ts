import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../document/builder.ts';
import { analyze } from './analyze.ts';

function fashionMlp() {
  const b = new GraphBuilder('Fashion-MNIST MLP');
  const x = b.add('Input', { shape: [28, 28] });
  b.sequence(x, [['Flatten'], ['Dense', { units: 300, activation: 'relu' }], ['Dense', { units: 100, activation: 'relu' }], ['Dense', { units: 10, activation: 'softmax' }]]);
  return b;
}

describe('analyze', () => {
  it('counts the Fashion-MNIST MLP as Keras does: 0 / 235,500 / 30,100 / 1,010, total 266,610', () => {
    const a = analyze(fashionMlp().build());
    expect(a.diagnostics).toEqual([]);
    expect(a.summary.layers.map((r) => r.params)).toEqual([0, 0, 235_500, 30_100, 1_010]);
    expect(a.summary.layers.map((r) => r.outputShape)).toEqual([[null, 28, 28], [null, 784], [null, 300], [null, 100], [null, 10]]);
    expect(a.summary.totalParams).toBe(266_610);
    expect(a.summary.trainableParams).toBe(266_610);
    expect(a.summary.nonTrainableParams).toBe(0);
    expect(a.ok).toBe(true);
  });

  it('tells a Dense fed a 28×28 input to insert a Flatten, with a fix', () => {
    const b = new GraphBuilder('bad');
    const x = b.add('Input', { shape: [28, 28] });
    b.sequence(x, [['Dense', { units: 10 }]]);
    const a = analyze(b.build());
    const d = a.diagnostics.find((d) => d.code === 'shape')!;
    expect(d.message).toBe('dense_1: Dense expects a 2-D input [batch, features] but got [null, 28, 28]: insert a Flatten before it');
    expect(d.nodeId).toBe('dense_1');
    expect(d.fix).toMatchObject({ kind: 'insert-before', layer: 'Flatten' });
    expect(a.ok).toBe(false);
  });

  it('finds a cycle and names the layers on it', () => {
    const b = new GraphBuilder('loop');
    const x = b.add('Input', { shape: [4] });
    const d1 = b.add('Dense', { units: 4 });
    const d2 = b.add('Dense', { units: 4 });
    const d3 = b.add('Dense', { units: 4 });
    b.chain(x, d1, d2, d3);
    b.connect(d3, d1);
    const a = analyze(b.build());
    const cyc = a.diagnostics.filter((d) => d.code === 'cycle');
    expect(cyc.length).toBeGreaterThan(0);
    expect(cyc[0].message).toMatch(/dense_1 → dense_2 → dense_3|dense_2 → dense_3 → dense_1|dense_3 → dense_1 → dense_2/);
    expect(a.order).toEqual(['input_1']);
  });

  it('reports a bad parameter with the value and keeps going', () => {
    const b = new GraphBuilder('bad param');
    const x = b.add('Input', { shape: [4] });
    b.sequence(x, [['Dense', { units: 'ten' }]]);
    const a = analyze(b.build());
    expect(a.diagnostics.map((d) => d.message)).toContain('dense_1 (Dense) units: expected a positive integer, got "ten"');
  });

  it('warns about unconnected layers and reports a missing Input', () => {
    const b = new GraphBuilder('loose');
    b.add('Dense', { units: 3 });
    b.add('Dense', { units: 3 });
    const a = analyze(b.build());
    expect(a.diagnostics.filter((d) => d.code === 'unconnected')).toHaveLength(2);
    expect(a.diagnostics.some((d) => d.code === 'no-input' && d.fix?.kind === 'add-input')).toBe(true);
  });

  it('warns when a softmax output is trained with mean squared error', () => {
    const a = analyze(fashionMlp().withTraining({ loss: 'meanSquaredError' }).build());
    const w = a.diagnostics.find((d) => d.code === 'loss-mismatch')!;
    expect(w.severity).toBe('warning');
    expect(w.nodeId).toBe('dense_3');
    expect(w.fix?.kind).toBe('set-training');
    expect(a.ok).toBe(true);
  });

  it('refuses two outputs', () => {
    const b = new GraphBuilder('two heads');
    const x = b.add('Input', { shape: [4] });
    b.connect(x, b.add('Dense', { units: 2 }));
    b.connect(x, b.add('Dense', { units: 3 }));
    const a = analyze(b.build());
    expect(a.diagnostics.filter((d) => d.code === 'multiple-outputs')).toHaveLength(2);
  });
});
