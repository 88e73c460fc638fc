/**
 * A table of architectures, each checked against tfjs itself: analysis must
 * predict every layer's output shape and parameter count, and the totals,
 * exactly as the tf.LayersModel built from the compiled spec reports them.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../compile/build-model.ts';
import { compile } from '../compile/compile.ts';
import { analyze } from './analyze.ts';
import { ARCHITECTURES } from './architectures.fixture.ts';

const sum = (weights: readonly tf.LayerVariable[]) => weights.reduce((a, w) => a + w.shape.reduce<number>((x, d) => x * (d ?? 0), 1), 0);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const models: tf.LayersModel[] = [];
afterAll(() => {
  for (const m of models) m.dispose();
});

describe('architectures checked against tfjs', () => {
  it('covers at least 15 architectures', () => {
    expect(ARCHITECTURES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(ARCHITECTURES.map((a) => [a.name, a] as const))('%s', (_name, arch) => {
    const doc = arch.doc();
    const analysis = analyze(doc);
    expect(analysis.diagnostics).toEqual([]);
    const result = compile(doc, analysis);
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    const model = buildModel(tf, result.spec);
    models.push(model);

    for (const layer of result.spec.layers) {
      const built = model.getLayer(layer.name);
      expect({ layer: layer.name, shape: layer.outputShape, params: layer.params }).toEqual({ layer: layer.name, shape: built.outputShape, params: built.countParams() });
    }
    const { summary } = analysis;
    expect(summary.totalParams).toBe(arch.total);
    expect(summary.nonTrainableParams).toBe(arch.nonTrainable ?? 0);
    expect(model.countParams()).toBe(summary.totalParams);
    expect(sum(model.trainableWeights)).toBe(summary.trainableParams);
    expect(sum(model.nonTrainableWeights)).toBe(summary.nonTrainableParams);

    // Running a batch catches settings that build but that tfjs cannot execute.
    const xs = model.inputs.map((input) => tf.ones([2, ...input.shape.slice(1).map((d) => d ?? 1)], input.dtype));
    const y = model.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor;
    expect(y.shape).toEqual([2, ...(result.spec.layers.find((l) => l.name === result.spec.outputs[0])!.outputShape.slice(1) as number[])]);
    tf.dispose([y, ...xs]);
  });
});
