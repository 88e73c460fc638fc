/**
 * The project document: the single source of truth that the canvas projects,
 * the analysis checks, the compiler turns into a model and the file stores.
 * Types are derived from these validators so that the runtime check, the type
 * and the published JSON Schema (docs/project-format.schema.json) agree.
 */
import * as v from './validate.ts';

/** The version written by this build. Older files are migrated on load (migrations.ts). */
export const SCHEMA_VERSION = 2;

/** A layer parameter: numbers, names, flags, or a small tuple such as a kernel size [3, 3]. */
export const paramValue = v.anyOf(
  v.anyOf(v.number(), v.string(), 'a number or a string'),
  v.anyOf(v.boolean(), v.nullable(v.array(v.number(), { maxItems: 8 })), 'true, false, null or a list of numbers'),
  'a number, string, boolean, null or a list of numbers',
);
export type ParamValue = v.Infer<typeof paramValue>;

export const position = v.object({ x: v.number(), y: v.number() });

export const layerNode = v.object({
  /** Stable id, unique in the document; edges refer to it. */
  id: v.string({ minLength: 1, maxLength: 64 }),
  /** Catalog entry, e.g. "Dense". Unknown kinds are reported by analysis, not by parsing, so old files still open. */
  kind: v.string({ minLength: 1, maxLength: 64 }),
  /** The name the summary and the exported code use; defaults to a name derived from the kind. */
  name: v.optional(v.string({ maxLength: 64 })),
  /** Only the parameters that differ from the catalog default need be present. */
  params: v.record(paramValue),
  /** Canvas position of the node's top-left corner, in flow coordinates. */
  position,
});
export type LayerNode = v.Infer<typeof layerNode>;

export const edge = v.object({
  id: v.string({ minLength: 1, maxLength: 140 }),
  /** The producing node; every layer has a single output. */
  source: v.string({ minLength: 1 }),
  target: v.string({ minLength: 1 }),
  /** Input slot on the target. Merge layers take several; their order is the slot order (Concatenate cares). */
  targetPort: v.number({ min: 0, integer: true }),
});
export type Edge = v.Infer<typeof edge>;

export const GENERATED_DATASETS = ['and', 'or', 'xor', 'circle', 'gaussian', 'spiral', 'linear', 'plane'] as const;
export const DERIVED_FEATURES = ['x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;

export const datasetRef = v.tagged('kind', {
  builtin: v.object({
    kind: v.literal('builtin'),
    name: v.oneOf(['mnist', 'fashion-mnist'] as const),
    /** Train on the first N training images only (quick experiments). */
    trainSubset: v.optional(v.number({ min: 1, integer: true })),
    testSubset: v.optional(v.number({ min: 1, integer: true })),
  }),
  generated: v.object({
    kind: v.literal('generated'),
    name: v.oneOf(GENERATED_DATASETS),
    samples: v.number({ min: 4, max: 1_000_000, integer: true }),
    /** 0 = clean; for 2-D sets the standard deviation of added noise relative to the set's scale. */
    noise: v.number({ min: 0, max: 1 }),
    /** Share of samples used for training; the rest is the test set. */
    trainRatio: v.number({ min: 0.05, max: 1 }),
    /** Extra input columns computed from x1, x2 (TensorFlow Playground's feature choices). */
    features: v.optional(v.array(v.oneOf(DERIVED_FEATURES))),
    seed: v.number({ integer: true }),
  }),
  csv: v.object({
    kind: v.literal('csv'),
    path: v.string({ minLength: 1 }),
    target: v.string({ minLength: 1 }),
    /** Columns to leave out of the inputs. */
    ignore: v.optional(v.array(v.string())),
    scaling: v.oneOf(['none', 'minmax', 'standard'] as const),
    /** Treat the target as classes (one-hot / sparse labels) or as a number to regress. */
    task: v.oneOf(['classification', 'regression'] as const),
    testRatio: v.number({ min: 0, max: 0.9 }),
  }),
  idx: v.object({
    kind: v.literal('idx'),
    trainImages: v.string({ minLength: 1 }),
    trainLabels: v.string({ minLength: 1 }),
    testImages: v.optional(v.string({ minLength: 1 })),
    testLabels: v.optional(v.string({ minLength: 1 })),
  }),
  images: v.object({
    kind: v.literal('images'),
    /** A folder holding one sub-folder of images per class. */
    folder: v.string({ minLength: 1 }),
    width: v.number({ min: 1, max: 1024, integer: true }),
    height: v.number({ min: 1, max: 1024, integer: true }),
    grayscale: v.boolean(),
    testRatio: v.number({ min: 0, max: 0.9 }),
  }),
});
export type DatasetRef = v.Infer<typeof datasetRef>;

export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamax'] as const;
export const LOSSES = ['meanSquaredError', 'meanAbsoluteError', 'binaryCrossentropy', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'hinge'] as const;
export const METRICS = ['accuracy', 'mae'] as const;
export const BACKENDS = ['auto', 'tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;

export const trainingSettings = v.object({
  optimizer: v.oneOf(OPTIMIZERS),
  learningRate: v.number({ min: 0, max: 10, exclusiveMin: true }),
  /** SGD with momentum only. */
  momentum: v.optional(v.number({ min: 0, max: 1 })),
  loss: v.oneOf(LOSSES),
  metrics: v.array(v.oneOf(METRICS)),
  batchSize: v.number({ min: 1, max: 65_536, integer: true }),
  epochs: v.number({ min: 1, max: 100_000, integer: true }),
  /** Share of the training set held out for validation (0 = none). */
  validationSplit: v.number({ min: 0, max: 0.9 }),
  earlyStopping: v.nullable(
    v.object({
      monitor: v.oneOf(['val_loss', 'loss', 'val_acc', 'acc'] as const),
      patience: v.number({ min: 0, integer: true }),
      restoreBestWeights: v.boolean(),
    }),
  ),
  schedule: v.tagged('kind', {
    constant: v.object({ kind: v.literal('constant') }),
    step: v.object({ kind: v.literal('step'), everyEpochs: v.number({ min: 1, integer: true }), factor: v.number({ min: 0, max: 1, exclusiveMin: true }) }),
    exponential: v.object({ kind: v.literal('exponential'), decayPerEpoch: v.number({ min: 0, max: 1, exclusiveMin: true }) }),
  }),
  /** Seeds shuffling and weight initialization so that a run can be repeated. */
  seed: v.number({ integer: true }),
  backend: v.oneOf(BACKENDS),
});
export type TrainingSettings = v.Infer<typeof trainingSettings>;

export const meta = v.object({
  name: v.string({ maxLength: 200 }),
  description: v.optional(v.string({ maxLength: 5_000 })),
  /** ISO 8601 timestamps. */
  created: v.optional(v.string()),
  modified: v.optional(v.string()),
});

export const graphDoc = v.object({
  format: v.literal('netwright-project'),
  schemaVersion: v.literal(SCHEMA_VERSION),
  meta,
  nodes: v.array(layerNode, { maxItems: 20_000 }),
  edges: v.array(edge, { maxItems: 100_000 }),
  dataset: v.nullable(datasetRef),
  training: trainingSettings,
});
export type GraphDoc = v.Infer<typeof graphDoc>;

export const DEFAULT_TRAINING: TrainingSettings = {
  optimizer: 'adam',
  learningRate: 0.001,
  loss: 'sparseCategoricalCrossentropy',
  metrics: ['accuracy'],
  batchSize: 32,
  epochs: 10,
  validationSplit: 0.1,
  earlyStopping: null,
  schedule: { kind: 'constant' },
  seed: 42,
  backend: 'auto',
};

export function emptyDocument(name = 'Untitled'): GraphDoc {
  return {
    format: 'netwright-project',
    schemaVersion: SCHEMA_VERSION,
    meta: { name },
    nodes: [],
    edges: [],
    dataset: null,
    training: DEFAULT_TRAINING,
  };
}
