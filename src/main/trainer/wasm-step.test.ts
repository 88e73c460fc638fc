/**
 * Every template and every architecture of the table trains on the wasm
 * backend through the real trainer core: wasm no longer lacks a gradient
 * kernel for any layer of the catalog, and the ladder picks it for CNNs.
 */
import { describe, expect, it } from 'vitest';
import { ARCHITECTURES } from '../../shared/analysis/architectures.fixture.ts';
import type { GraphDoc } from '../../shared/document/schema.ts';
import type { InlineDataset } from '../../shared/protocol/trainer.ts';
import { TEMPLATES } from '../../shared/templates/index.ts';
import { specOf, trainInProcess } from './testing.ts';

const SAMPLES = 8;

/** A few random samples shaped for the model: ids for an int32 input (an Embedding's), class indices or values for the target. */
function inlineFor(doc: GraphDoc): InlineDataset {
  const spec = specOf(doc);
  const input = spec.layers.find((l) => l.name === spec.inputs[0])!;
  const output = spec.layers.find((l) => l.name === spec.outputs[0])!;
  const inputShape = input.outputShape.slice(1) as number[];
  const outDims = output.outputShape.slice(1) as number[];
  const units = outDims.at(-1)!;
  const loss = spec.training.loss;
  const classification = loss !== 'meanSquaredError' && loss !== 'meanAbsoluteError';
  const numClasses = classification ? Math.max(2, units) : 0;
  const targetSize = classification ? 1 : outDims.reduce((a, b) => a * b, 1);
  const perSample = inputShape.reduce((a, b) => a * b, 1);
  const ids = input.config.dtype === 'int32';
  let seed = 7;
  const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const x = Array.from({ length: SAMPLES * perSample }, () => (ids ? Math.floor(next() * 5) : next()));
  const y = Array.from({ length: SAMPLES * targetSize }, (_, i) => (classification ? i % numClasses : next()));
  const info = { title: 'random', task: classification ? 'classification' : 'regression', inputShape, numClasses, targetSize, trainCount: SAMPLES, testCount: 0, isImage: false } as const;
  return { kind: 'inline', info, xTrain: x, yTrain: y, xTest: [], yTest: [] };
}

const docs = [...ARCHITECTURES.map((a) => [a.name, a.doc()] as const), ...TEMPLATES.map((t) => [`template ${t.id}`, t.build()] as const)];
// The trainer takes one input and one output; the table's two-input network is checked against tfjs only.
const trainable = docs.filter(([, doc]) => specOf(doc).inputs.length === 1 && specOf(doc).outputs.length === 1);

describe('one training step on wasm for every model', () => {
  it('covers every template and all but the multi-input architectures', () => {
    expect(trainable.length).toBe(TEMPLATES.length + ARCHITECTURES.length - 1);
  });

  it.each(trainable)('%s', async (_name, doc) => {
    const run = trainInProcess(doc, { backend: 'wasm', epochs: 2, batchSize: 4, validationSplit: 0 }, { dataset: inlineFor(doc), options: { snapshotEvery: 0, boundary: false } });
    const exit = await run.done;
    expect(exit.message).toMatch(/^Completed 2 epoch/);
    expect(run.of('ready')[0].backend).toBe('wasm');
    const losses = run.of('epochMetrics').flatMap((e) => e.epochs.map((r) => r.loss));
    expect(losses.every(Number.isFinite)).toBe(true);
    // The weights moved: the second epoch's loss differs from the first's.
    expect(losses[1]).not.toBe(losses[0]);
  });
});
