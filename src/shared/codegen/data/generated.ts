/**
 * Source for the generated sets (truth tables, TensorFlow Playground's 2-D
 * sets, regression lines). The program carries the app's seeded random
 * source (random.ts) and writes out each recipe with the same draws in the
 * same order as src/shared/datasets/generators.ts, so that a seed gives the
 * very points the app trains on (the codegen tests compare the two).
 */
import type { DatasetRef } from '../../document/schema.ts';
import { constant, literal } from '../literal.ts';
import { type DataSnippet, TO_SPLIT } from './common.ts';

type Generated = Extract<DatasetRef, { kind: 'generated' }>;
type SetName = Generated['name'];
type Feature = NonNullable<Generated['features']>[number];

interface Recipe {
  /** What the set is, for the doc comment. */
  readonly doc: string;
  /** Loop body pushing sample i: `samples.push({ x: [...], y })`, with n, noise, random in scope. */
  readonly body: string;
  /** Number of raw input columns (x, or x1 and x2) before derived features. */
  readonly inputs: 1 | 2;
}

const truthTable = (name: string, op: string): Recipe => ({
  doc: `The corners (0,0), (0,1), (1,0), (1,1) in turn, jittered by the noise; label a ${name} b.`,
  body: `const a = (i >> 1) & 1;
const b = i & 1;
samples.push({ x: [a + random.normal(0, noise), b + random.normal(0, noise)], y: a ${op} b });`,
  inputs: 2,
});

const RECIPES: Readonly<Record<SetName, Recipe>> = {
  and: truthTable('AND', '&'),
  or: truthTable('OR', '|'),
  xor: truthTable('XOR', '^'),
  circle: {
    doc: 'Label 1 inside a disc of radius 2.5 (the first half), label 0 in a ring from 3.5 to 5 (the second half).',
    body: `const label = i < Math.floor(n / 2) ? 1 : 0;
const r = label ? random.uniform(0, 0.5 * SCALE) : random.uniform(0.7 * SCALE, SCALE);
const angle = random.uniform(0, 2 * Math.PI);
samples.push({ x: [r * Math.sin(angle) + random.normal(0, noise * SCALE), r * Math.cos(angle) + random.normal(0, noise * SCALE)], y: label });`,
    inputs: 2,
  },
  gaussian: {
    doc: 'Two round clouds round (2, 2), label 1 (the first half), and (-2, -2), label 0; noise widens them.',
    body: `const label = i < Math.floor(n / 2) ? 1 : 0;
const centre = label ? 2 : -2;
const std = 1 + noise * SCALE * 0.5;
samples.push({ x: [random.normal(centre, std), random.normal(centre, std)], y: label });`,
    inputs: 2,
  },
  spiral: {
    doc: 'Two interleaved arms winding 1.75 turns out to radius 5: label 1 (the first half) and label 0.',
    body: `const first = Math.floor(n / 2);
const label = i < first ? 1 : 0;
const k = label ? i : i - first;
const count = label ? first : n - first;
const t = count > 1 ? k / (count - 1) : 0;
const angle = 1.75 * 2 * Math.PI * t + (label ? 0 : Math.PI);
const r = t * SCALE;
samples.push({ x: [r * Math.sin(angle) + random.normal(0, noise * SCALE), r * Math.cos(angle) + random.normal(0, noise * SCALE)], y: label });`,
    inputs: 2,
  },
  linear: {
    doc: 'A line: x uniform in [-1, 1], target y = 2x + 1 plus noise.',
    body: `const x = random.uniform(-1, 1);
samples.push({ x: [x], y: 2 * x + 1 + random.normal(0, noise) });`,
    inputs: 1,
  },
  plane: {
    doc: 'A plane: x1, x2 uniform in [-1, 1], target y = 3·x1 − 2·x2 + 1 plus noise.',
    body: `const x1 = random.uniform(-1, 1);
const x2 = random.uniform(-1, 1);
samples.push({ x: [x1, x2], y: 3 * x1 + -2 * x2 + 1 + random.normal(0, noise) });`,
    inputs: 2,
  },
};

const FEATURES: Readonly<Record<Feature, string>> = {
  x1sq: 'x1 * x1',
  x2sq: 'x2 * x2',
  x1x2: 'x1 * x2',
  sinx1: 'Math.sin(x1)',
  sinx2: 'Math.sin(x2)',
};

export function generatedDescription(ref: Generated): string {
  return `the generated "${ref.name}" set (${ref.samples} samples, noise ${ref.noise}, seed ${ref.seed})`;
}

export function generatedSource(ref: Generated): DataSnippet {
  const recipe = RECIPES[ref.name];
  const features = ref.features ?? [];
  const settings = { samples: ref.samples, noise: ref.noise, trainRatio: ref.trainRatio, seed: ref.seed };
  const usesN = /\bn\b/.test(recipe.body);
  const needsX2 = recipe.inputs === 2 || features.some((f) => FEATURES[f].includes('x2'));
  const row = features.length
    ? `{
      const [${needsX2 ? 'x1, x2 = 0' : 'x1'}] = samples[k].x;
      return [${recipe.inputs === 2 ? 'x1, x2' : 'x1'}, ${features.map((f) => FEATURES[f]).join(', ')}];
    }`
    : 'samples[k].x';
  const code = `${TO_SPLIT.code}

/** The "${ref.name}" set as the project defines it; the same seed gives the same points as in Netwright. */
${constant('DATASET', settings)}
${/\bSCALE\b/.test(recipe.body) ? '\n/** Radius of the 2-D sets; their noise is relative to it. */\nconst SCALE = 5;\n' : ''}
interface Sample {
  readonly x: number[];
  readonly y: number;
}

/** ${recipe.doc} */
function generate(random: Random): Sample[] {
  const { ${usesN ? 'samples: n, ' : ''}noise } = DATASET;
  const samples: Sample[] = [];
  for (let i = 0; i < DATASET.samples; i++) {
${recipe.body.replace(/^/gm, '    ')}
  }
  return samples;
}

/** Generates the samples, shuffles them with the same random source${features.length ? `, adds ${features.join(', ')}` : ''} and splits off the first trainRatio for training. */
async function loadData(_options: Options): Promise<Dataset> {
  const random = createRandom(DATASET.seed);
  const samples = generate(random);
  const order = Array.from(shuffledIndices(samples.length, random));
  const inputs = order.map((k) => ${row});
  const targets = order.map((k) => [samples[k].y]);
  const trainCount = Math.min(DATASET.samples, Math.max(1, Math.round(DATASET.samples * DATASET.trainRatio)));
  return {
    title: ${literal(generatedDescription(ref))},
    train: toSplit(inputs, targets, 0, trainCount),
    test: toSplit(inputs, targets, trainCount, DATASET.samples),
    targetSize: 1,
  };
}`;
  return { code, uses: [{ module: 'src/shared/datasets/random.ts', names: ['createRandom', 'shuffledIndices', 'type Random'] }] };
}
