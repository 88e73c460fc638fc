/**
 * The generated sets, after TensorFlow Playground's: each writes `n` samples
 * into row-major arrays, grouped by class (the caller shuffles). Scales are
 * chosen so that a small network trains on the raw numbers without rescaling.
 */
import type { Task } from '../protocol/datasets.ts';
import type { GENERATED_DATASETS } from '../document/schema.ts';
import type { Random } from './random.ts';

export type GeneratedName = (typeof GENERATED_DATASETS)[number];

export interface GeneratorSpec {
  readonly title: string;
  /** One line for the data panel: what the points look like and what is learned. */
  readonly description: string;
  readonly task: Task;
  /** Base input columns before derived features: 1 (x) or 2 (x1, x2). */
  readonly inputs: 1 | 2;
  /** Names of classes 0 and 1 where they have a meaning. */
  readonly classNames?: readonly string[];
  /** Fills x[i·inputs …] and y[i] for i < n. */
  generate(n: number, noise: number, random: Random, x: Float64Array, y: Float64Array): void;
}

/** Radius of the 2-D playground sets; their noise is a standard deviation relative to it. */
export const SCALE_2D = 5;

/** The regression plane: y = a·x1 + b·x2 + c, so a trained Dense(1) can be checked against it. */
export const PLANE = { a: 3, b: -2, c: 1 } as const;

/** Corners (0,0), (0,1), (1,0), (1,1) in turn, jittered, labelled by `op`. Noise is relative to the unit square. */
function truthTable(op: (a: number, b: number) => number): GeneratorSpec['generate'] {
  return (n, noise, random, x, y) => {
    for (let i = 0; i < n; i++) {
      const a = (i >> 1) & 1;
      const b = i & 1;
      x[2 * i] = a + random.normal(0, noise);
      x[2 * i + 1] = b + random.normal(0, noise);
      y[i] = op(a, b);
    }
  };
}

export const GENERATORS: { readonly [K in GeneratedName]: GeneratorSpec } = {
  and: {
    title: 'AND',
    description: 'The four corners of the unit square; class 1 only at (1, 1). One straight line separates the classes.',
    task: 'classification',
    inputs: 2,
    classNames: ['false', 'true'],
    generate: truthTable((a, b) => a & b),
  },
  or: {
    title: 'OR',
    description: 'The four corners of the unit square; class 0 only at (0, 0). One straight line separates the classes.',
    task: 'classification',
    inputs: 2,
    classNames: ['false', 'true'],
    generate: truthTable((a, b) => a | b),
  },
  xor: {
    title: 'XOR',
    description: 'The four corners of the unit square; class 1 where exactly one input is 1. No single straight line separates them.',
    task: 'classification',
    inputs: 2,
    classNames: ['false', 'true'],
    generate: truthTable((a, b) => a ^ b),
  },
  circle: {
    title: 'Circle',
    description: 'Class 1 inside a disc of radius 2.5, class 0 in a ring from 3.5 to 5 around it.',
    task: 'classification',
    inputs: 2,
    generate(n, noise, random, x, y) {
      const inside = Math.floor(n / 2);
      for (let i = 0; i < n; i++) {
        const label = i < inside ? 1 : 0;
        const r = label ? random.uniform(0, 0.5 * SCALE_2D) : random.uniform(0.7 * SCALE_2D, SCALE_2D);
        const angle = random.uniform(0, 2 * Math.PI);
        x[2 * i] = r * Math.sin(angle) + random.normal(0, noise * SCALE_2D);
        x[2 * i + 1] = r * Math.cos(angle) + random.normal(0, noise * SCALE_2D);
        y[i] = label;
      }
    },
  },
  gaussian: {
    title: 'Two Gaussians',
    description: 'Two round clouds centred on (2, 2) (class 1) and (−2, −2) (class 0); noise widens them until they overlap.',
    task: 'classification',
    inputs: 2,
    generate(n, noise, random, x, y) {
      const first = Math.floor(n / 2);
      const std = 1 + noise * SCALE_2D * 0.5;
      for (let i = 0; i < n; i++) {
        const label = i < first ? 1 : 0;
        const centre = label ? 2 : -2;
        x[2 * i] = random.normal(centre, std);
        x[2 * i + 1] = random.normal(centre, std);
        y[i] = label;
      }
    },
  },
  spiral: {
    title: 'Spiral',
    description: 'Two interleaved arms winding out to radius 5, one per class: the hardest of the 2-D sets.',
    task: 'classification',
    inputs: 2,
    generate(n, noise, random, x, y) {
      const first = Math.floor(n / 2);
      for (let i = 0; i < n; i++) {
        const label = i < first ? 1 : 0;
        const k = label ? i : i - first;
        const count = label ? first : n - first;
        const t = count > 1 ? k / (count - 1) : 0;
        const angle = 1.75 * 2 * Math.PI * t + (label ? 0 : Math.PI);
        const r = t * SCALE_2D;
        x[2 * i] = r * Math.sin(angle) + random.normal(0, noise * SCALE_2D);
        x[2 * i + 1] = r * Math.cos(angle) + random.normal(0, noise * SCALE_2D);
        y[i] = label;
      }
    },
  },
  linear: {
    title: 'Line y = 2x + 1',
    description: 'x drawn uniformly from [−1, 1] and y = 2x + 1 plus noise: a trained Dense(1) should find weight 2 and bias 1.',
    task: 'regression',
    inputs: 1,
    generate(n, noise, random, x, y) {
      for (let i = 0; i < n; i++) {
        x[i] = random.uniform(-1, 1);
        y[i] = 2 * x[i] + 1 + random.normal(0, noise);
      }
    },
  },
  plane: {
    title: `Plane y = ${PLANE.a}·x1 − ${-PLANE.b}·x2 + ${PLANE.c}`,
    description: `x1 and x2 drawn uniformly from [−1, 1] and y = ${PLANE.a}·x1 − ${-PLANE.b}·x2 + ${PLANE.c} plus noise.`,
    task: 'regression',
    inputs: 2,
    generate(n, noise, random, x, y) {
      for (let i = 0; i < n; i++) {
        const x1 = random.uniform(-1, 1);
        const x2 = random.uniform(-1, 1);
        x[2 * i] = x1;
        x[2 * i + 1] = x2;
        y[i] = PLANE.a * x1 + PLANE.b * x2 + PLANE.c + random.normal(0, noise);
      }
    },
  },
};
