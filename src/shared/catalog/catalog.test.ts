import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, FAMILY_ORDER, kindsByFamily } from './index.ts';
import { checkParam } from './params.ts';
import { ourError, ourFacts, tfjsFacts } from './tfjs-reference.ts';
import type { LayerDef, Shape } from './types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const layers = [...CATALOG.values()].filter((d) => d.kind !== 'Input');

// Small sizes keep the sweep fast: tfjs builds an orthogonal matrix with a QR on the CPU.
const SMALL: Record<string, Record<string, number>> = {
  Dense: { units: 4 }, Conv1D: { filters: 4 }, Conv2D: { filters: 4 }, Embedding: { inputDim: 20, outputDim: 4 },
  SimpleRNN: { units: 4 }, LSTM: { units: 4 }, GRU: { units: 4 },
};

/** The first small input each kind accepts with its defaults (merges get copies of it). */
function sampleInputs(def: LayerDef): Shape[] {
  const candidates: Shape[] = [[null, 6, 6, 3], [null, 8, 3], [null, 6], [null, 784]];
  const count = Math.max(def.inputs.min, 1);
  for (const shape of candidates) {
    const inputs = Array<Shape>(count).fill(shape);
    if (!ourError(def.kind, {}, inputs)) return inputs;
  }
  throw new Error(`${def.kind} accepts none of the sample shapes`);
}

describe('the layer catalog', () => {
  it('has every layer the design asks for', () => {
    const wanted = [
      'Input', 'Dense', 'Flatten', 'Reshape', 'Activation', 'Dropout', 'BatchNormalization', 'Conv1D', 'Conv2D',
      'MaxPooling1D', 'MaxPooling2D', 'AveragePooling1D', 'AveragePooling2D', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D',
      'GlobalMaxPooling2D', 'SimpleRNN', 'LSTM', 'GRU', 'Embedding', 'Add', 'Concatenate', 'Multiply', 'Average',
      'LeakyReLU', 'PReLU', 'ELU', 'Softmax',
    ];
    expect(wanted.filter((k) => !CATALOG.has(k))).toEqual([]);
  });

  it('documents every param for a learner and keeps defaults valid', () => {
    for (const def of CATALOG.values()) {
      expect(def.summary.length, def.kind).toBeGreaterThan(20);
      expect(FAMILY_ORDER).toContain(def.family);
      for (const [name, spec] of Object.entries(def.params)) {
        const where = `${def.kind}.${name}`;
        expect(spec.label, where).not.toBe('');
        expect(spec.doc.length, where).toBeGreaterThan(20);
        expect(checkParam(spec, spec.default as never), where).toBeUndefined();
        if (spec.showIf) expect(def.params, where).toHaveProperty(spec.showIf.param);
      }
      for (const name of def.headline) expect(def.params, def.kind).toHaveProperty(name);
    }
    expect([...kindsByFamily().values()].flat()).toHaveLength(CATALOG.size);
  });

  it('names a tfjs factory for every kind', () => {
    const factories = tf.layers as unknown as Record<string, unknown>;
    for (const def of layers) expect(typeof factories[def.factory], `${def.kind}: tf.layers.${def.factory}`).toBe('function');
  });

  it.each(layers.map((d) => [d.kind, d] as const))('%s with its defaults (sizes kept small) builds and runs in tfjs as predicted', (_kind, def) => {
    const inputs = sampleInputs(def);
    const params = SMALL[def.kind] ?? {};
    expect(ourFacts(def.kind, params, inputs)).toEqual(tfjsFacts(tf, def.kind, params, inputs));
  });

  it('builds every option of every choice param in tfjs (activations, initializers, regularizers, padding)', () => {
    const built: string[] = [];
    for (const def of layers) {
      const inputs = sampleInputs(def);
      for (const [name, spec] of Object.entries(def.params)) {
        if (spec.type !== 'enum') continue;
        for (const option of spec.options) {
          const params = { ...SMALL[def.kind], [name]: option };
          if (ourError(def.kind, params, inputs)) continue;
          expect(() => tfjsFacts(tf, def.kind, params, inputs), `${def.kind} ${name}=${option}`).not.toThrow();
          built.push(`${def.kind}.${name}=${option}`);
        }
      }
    }
    expect(built).toContain('Dense.activation=gelu');
    expect(built).toContain('LSTM.recurrentInitializer=orthogonal');
  });
});
