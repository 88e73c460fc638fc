/**
 * generateDataset(ref): the `generated` dataset kind as a LoadedDataset,
 * computed in plain TypeScript so that the trainer, the data panel's preview
 * and the tests all see the same points for the same seed.
 */
import type { LoadedDataset } from '../protocol/datasets.ts';
import { describeGenerated, type GeneratedRef } from './describe.ts';
import { FEATURES } from './features.ts';
import { GENERATORS } from './generators.ts';
import { createRandom, shuffledIndices } from './random.ts';

export function generateDataset(ref: GeneratedRef): LoadedDataset {
  const spec = GENERATORS[ref.name];
  const info = describeGenerated(ref);
  const n = ref.samples;
  const base = new Float64Array(n * spec.inputs);
  const target = new Float64Array(n);
  const random = createRandom(ref.seed);
  spec.generate(n, ref.noise, random, base, target);

  const width = info.inputShape[0];
  const trainCount = info.trainCount;
  const order = shuffledIndices(n, random);
  const x = new Float32Array(n * width);
  const y = new Float32Array(n);
  const derived = (ref.features ?? []).map((f) => FEATURES[f]);
  for (let row = 0; row < n; row++) {
    const src = order[row];
    const x1 = base[src * spec.inputs];
    const x2 = spec.inputs === 2 ? base[src * spec.inputs + 1] : 0;
    const out = row * width;
    x[out] = x1;
    if (spec.inputs === 2) x[out + 1] = x2;
    derived.forEach((f, k) => (x[out + spec.inputs + k] = f.compute(x1, x2)));
    y[row] = target[src];
  }

  return {
    info,
    // slice, not subarray: each array owns its buffer, so posting one to another process copies only its own values.
    xTrain: x.slice(0, trainCount * width),
    yTrain: y.slice(0, trainCount),
    xTest: x.slice(trainCount * width),
    yTest: y.slice(trainCount),
  };
}
