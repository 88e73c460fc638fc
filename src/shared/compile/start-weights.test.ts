import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/index.ts';
import { buildModelSource } from '../codegen/model-source.ts';
import { GraphBuilder } from '../document/builder.ts';
import { workedTwoTwoOne } from '../templates/worked-two-two-one.ts';
import { buildModel } from './build-model.ts';
import { compile } from './index.ts';

const TEXTBOOK = [
  [
    [0.15, 0.25],
    [0.2, 0.3],
  ],
  [0.35, 0.35],
  [[0.4], [0.45]],
  [0.6],
];

function specOf() {
  const r = compile(workedTwoTwoOne.build());
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.spec;
}

/** Each weight as nested arrays, rounded to 6 decimals (float32 holds 0.15 as 0.150000006). */
async function weightsOf(model: tf.LayersModel): Promise<unknown[]> {
  const round = (v: unknown): unknown => (Array.isArray(v) ? v.map(round) : Number((v as number).toFixed(6)));
  return (await Promise.all(model.getWeights().map((w) => w.array()))).map(round);
}

describe("a Dense layer's explicit starting weights", () => {
  it('are checked against the layer: the count must be inputs × units (+ units with a bias)', () => {
    const b = new GraphBuilder('t');
    b.sequence(b.add('Input', { shape: [2] }), [['Dense', { units: 2, startWeights: [1, 2, 3, 4, 5] }]]);
    const errors = analyze(b.build()).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.message)).toEqual([expect.stringContaining("starting weights hold 5 numbers, but 2 units on 2 inputs need 6 (2×2 weights + 2 biases): fix the list, or empty it to use the initializers")]);
    // XOR's hidden layer (2 inputs × 4 units + 4 biases) takes its 12; 64 is the most a layer takes, as many as Explain a step shows.
    const xor = new GraphBuilder('t');
    xor.sequence(xor.add('Input', { shape: [2] }), [['Dense', { units: 4, startWeights: Array.from({ length: 12 }, (_, i) => i / 10) }]]);
    expect(analyze(xor.build()).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const long = new GraphBuilder('t');
    long.sequence(long.add('Input', { shape: [12] }), [['Dense', { units: 5, startWeights: Array.from({ length: 65 }, () => 0.1) }]]);
    expect(analyze(long.build()).diagnostics.map((d) => d.message).join(' ')).toContain('expected at most 64 numbers, got 65');
  });

  it('are the weights the in-app model starts from, whatever the initializer', async () => {
    const model = buildModel(tf, specOf());
    expect(await weightsOf(model)).toEqual(TEXTBOOK);
    model.dispose();
  });

  it('are the weights the exported program starts from', async () => {
    const source = `${buildModelSource(specOf())}\nexport default buildModel;`;
    expect(source).toContain('weights: [tf.tensor([[0.15, 0.25], [0.2, 0.3]]), tf.tensor([0.35, 0.35])]');
    const { code } = await transform(source, { loader: 'ts', format: 'esm' });
    const dir = join(resolve(import.meta.dirname, '../../..'), '.netwright-tmp');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `start-weights-${process.pid}.mjs`);
    writeFileSync(file, code);
    try {
      const build = (await import(pathToFileURL(file).href)).default as (t: typeof tf) => tf.LayersModel;
      const model = build(tf);
      expect(await weightsOf(model)).toEqual(TEXTBOOK);
      model.dispose();
    } finally {
      rmSync(file, { force: true });
    }
  });
});
