/**
 * The project document: the single source of truth that the canvas projects,
 * the analysis checks, the compiler turns into a model and the file stores.
 * Types are derived from these validators so that the runtime check, the type
 * and the published JSON Schema (docs/project-format.schema.json) agree.
 */
import { MAX_EDGES, MAX_ID_LENGTH, MAX_NODES, MAX_PARAM_LIST, MAX_PARAM_NAME_LENGTH, MAX_PARAM_TEXT_LENGTH, MAX_PARAMS_PER_LAYER } from './limits.ts';
import { searchSpec } from '../search/spec.ts';
import * as v from './validate.ts';

/** The version written by this build. Older files are migrated on load (migrations.ts). */
export const SCHEMA_VERSION = 4;

/** A layer parameter: numbers, names, flags, or a small tuple such as a kernel size [3, 3]. */
export const paramValue = v.anyOf(
  v.anyOf(v.number(), v.string({ maxLength: MAX_PARAM_TEXT_LENGTH }), 'a number or a string'),
  v.anyOf(v.boolean(), v.nullable(v.array(v.number(), { maxItems: MAX_PARAM_LIST })), 'true, false, null or a list of numbers'),
  'a number, string, boolean, null or a list of numbers',
);
export type ParamValue = v.Infer<typeof paramValue>;

export const position = v.doc(
  v.object({ x: v.doc(v.number(), 'Pixels from the left.'), y: v.doc(v.number(), 'Pixels from the top.') }),
  "Canvas position of the node's top-left corner, in flow coordinates.",
);

export const layerNode = v.doc(
  v.object({
    id: v.doc(v.string({ minLength: 1, maxLength: MAX_ID_LENGTH }), 'Stable id, unique in the document; edges refer to it.'),
    /** Unknown kinds are reported by analysis, not by parsing, so that a file from a build with more layers still opens. */
    kind: v.doc(v.string({ minLength: 1, maxLength: MAX_ID_LENGTH }), 'Layer kind from the catalog, e.g. "Dense" or "Conv2D".'),
    name: v.optional(v.doc(v.string({ maxLength: MAX_ID_LENGTH }), 'The name the summary and the exported code use; defaults to one derived from the kind (dense_1, dense_2, …).')),
    params: v.doc(
      v.record(paramValue, { maxKeys: MAX_PARAMS_PER_LAYER, maxKeyLength: MAX_PARAM_NAME_LENGTH }),
      'Layer parameters by name, e.g. {"units": 10, "activation": "softmax"}. Only values that differ from the catalog default need be present; the catalog checks them.',
    ),
    position,
  }),
  'One layer of the network.',
);
export type LayerNode = v.Infer<typeof layerNode>;

export const edge = v.doc(
  v.object({
    id: v.doc(v.string({ minLength: 1, maxLength: 140 }), 'Stable id, unique among the edges.'),
    source: v.doc(v.string({ minLength: 1, maxLength: MAX_ID_LENGTH }), 'Id of the producing node; every layer has a single output.'),
    target: v.doc(v.string({ minLength: 1, maxLength: MAX_ID_LENGTH }), 'Id of the consuming node.'),
    targetPort: v.doc(
      v.number({ min: 0, integer: true }),
      'Input slot on the target, from 0. Merge layers take several inputs and their order is the slot order (Concatenate cares).',
    ),
  }),
  'A connection: the output of `source` feeds input slot `targetPort` of `target`.',
);
export type Edge = v.Infer<typeof edge>;

export const GENERATED_DATASETS = ['and', 'or', 'xor', 'circle', 'gaussian', 'spiral', 'linear', 'plane'] as const;
export const DERIVED_FEATURES = ['x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;

const testRatio = v.doc(v.number({ min: 0, max: 0.9 }), 'Share of the samples held out as the test set.');

export const datasetRef = v.doc(
  v.tagged('kind', {
    builtin: v.doc(
      v.object({
        kind: v.literal('builtin'),
        name: v.doc(v.oneOf(['mnist', 'fashion-mnist'] as const), 'Which bundled image set: handwritten digits or clothing pictures, 28×28 grayscale, 10 classes.'),
        trainSubset: v.optional(v.doc(v.number({ min: 1, integer: true }), 'Train on the first N training images only, for quick experiments.')),
        testSubset: v.optional(v.doc(v.number({ min: 1, integer: true }), 'Evaluate on the first N test images only.')),
        autoencode: v.optional(
          v.doc(v.boolean(), 'Train the network to reproduce its input image (an autoencoder) instead of predicting the label. Default false.'),
        ),
      }),
      'A dataset that ships with Netwright.',
    ),
    generated: v.doc(
      v.object({
        kind: v.literal('generated'),
        name: v.doc(
          v.oneOf(GENERATED_DATASETS),
          'and, or, xor: truth tables; circle, gaussian, spiral: 2-D classification as in TensorFlow Playground; linear (y = 2x + 1) and plane: regression.',
        ),
        samples: v.doc(v.number({ min: 4, max: 1_000_000, integer: true }), 'How many points to generate, train and test together.'),
        noise: v.doc(v.number({ min: 0, max: 1 }), "0 = clean; otherwise the standard deviation of the noise added, relative to the set's scale."),
        trainRatio: v.doc(v.number({ min: 0.05, max: 1 }), 'Share of samples used for training; the rest is the test set.'),
        features: v.optional(
          v.doc(
            v.array(v.oneOf(DERIVED_FEATURES)),
            "Extra input columns computed from x1 and x2 (TensorFlow Playground's feature choices): x1², x2², x1·x2, sin x1, sin x2.",
          ),
        ),
        seed: v.doc(v.number({ integer: true }), 'The same seed gives the same points.'),
      }),
      'Points generated on the fly from a seed.',
    ),
    csv: v.doc(
      v.object({
        kind: v.literal('csv'),
        path: v.doc(v.string({ minLength: 1 }), 'The CSV file, relative to the project file or absolute.'),
        target: v.doc(v.string({ minLength: 1 }), 'Header of the column to predict.'),
        ignore: v.optional(v.doc(v.array(v.string()), 'Headers of columns to leave out of the inputs.')),
        scaling: v.doc(v.oneOf(['none', 'minmax', 'standard'] as const), 'How numeric input columns are rescaled: minmax to 0–1, standard to mean 0 and deviation 1.'),
        task: v.doc(v.oneOf(['classification', 'regression'] as const), 'Treat the target as classes or as a number to regress.'),
        testRatio,
      }),
      'A table of numbers and categories.',
    ),
    idx: v.doc(
      v.object({
        kind: v.literal('idx'),
        trainImages: v.doc(v.string({ minLength: 1 }), 'IDX file of training images (the MNIST file format).'),
        trainLabels: v.doc(v.string({ minLength: 1 }), 'IDX file of training labels.'),
        testImages: v.optional(v.doc(v.string({ minLength: 1 }), 'IDX file of test images.')),
        testLabels: v.optional(v.doc(v.string({ minLength: 1 }), 'IDX file of test labels.')),
      }),
      'Images and labels in IDX files.',
    ),
    images: v.doc(
      v.object({
        kind: v.literal('images'),
        folder: v.doc(v.string({ minLength: 1 }), 'A folder holding one sub-folder of images per class; the sub-folder names are the class names.'),
        width: v.doc(v.number({ min: 1, max: 1024, integer: true }), 'Images are resized to this width.'),
        height: v.doc(v.number({ min: 1, max: 1024, integer: true }), 'Images are resized to this height.'),
        grayscale: v.doc(v.boolean(), 'Keep one channel instead of three (RGB).'),
        testRatio,
      }),
      'A folder of pictures sorted into one sub-folder per class.',
    ),
    cifar10: v.doc(
      v.object({
        kind: v.literal('cifar10'),
        folder: v.doc(
          v.string({ minLength: 1 }),
          'The folder unpacked from the binary version of CIFAR-10 (cifar-10-batches-bin): data_batch_1.bin … data_batch_5.bin, test_batch.bin and batches.meta.txt.',
        ),
        trainSubset: v.optional(v.doc(v.number({ min: 1, integer: true }), 'Train on the first N training images only, for quick experiments.')),
        testSubset: v.optional(v.doc(v.number({ min: 1, integer: true }), 'Evaluate on the first N test images only.')),
      }),
      'CIFAR-10 read from the folder the user unpacked it to: 32×32 colour pictures, 10 classes.',
    ),
  }),
  'Where the training data comes from; the field `kind` picks the variant.',
);
export type DatasetRef = v.Infer<typeof datasetRef>;

export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamax'] as const;
export const LOSSES = ['meanSquaredError', 'meanAbsoluteError', 'binaryCrossentropy', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'hinge'] as const;
export const METRICS = ['accuracy', 'mae'] as const;
export const BACKENDS = ['auto', 'tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;

export const trainingSettings = v.doc(
  v.object({
    optimizer: v.doc(v.oneOf(OPTIMIZERS), 'How the weights are updated from the gradients.'),
    learningRate: v.doc(v.number({ min: 0, max: 10, exclusiveMin: true }), 'Step size of each update.'),
    momentum: v.optional(v.doc(v.number({ min: 0, max: 1 }), 'For the momentum optimizer only: how much of the previous step carries over.')),
    loss: v.doc(v.oneOf(LOSSES), 'What training minimises; it should match the output layer and the labels.'),
    metrics: v.doc(v.array(v.oneOf(METRICS)), 'Figures reported besides the loss.'),
    batchSize: v.doc(v.number({ min: 1, max: 65_536, integer: true }), 'Samples per weight update.'),
    epochs: v.doc(v.number({ min: 1, max: 100_000, integer: true }), 'Passes over the training set.'),
    validationSplit: v.doc(v.number({ min: 0, max: 0.9 }), 'Share of the training set held out for validation (0 = none).'),
    earlyStopping: v.doc(
      v.nullable(
        v.object({
          monitor: v.doc(v.oneOf(['val_loss', 'loss', 'val_acc', 'acc'] as const), 'The figure to watch.'),
          patience: v.doc(v.number({ min: 0, integer: true }), 'Epochs without improvement before stopping.'),
          restoreBestWeights: v.doc(v.boolean(), 'Go back to the weights of the best epoch when stopping.'),
        }),
      ),
      'Stop when a figure stops improving, or null to always run every epoch.',
    ),
    schedule: v.doc(
      v.tagged('kind', {
        constant: v.doc(v.object({ kind: v.literal('constant') }), 'The learning rate stays the same.'),
        step: v.doc(
          v.object({
            kind: v.literal('step'),
            everyEpochs: v.doc(v.number({ min: 1, integer: true }), 'Epochs between drops.'),
            factor: v.doc(v.number({ min: 0, max: 1, exclusiveMin: true }), 'The rate is multiplied by this at each drop.'),
          }),
          'The learning rate drops by a factor every few epochs.',
        ),
        exponential: v.doc(
          v.object({
            kind: v.literal('exponential'),
            decayPerEpoch: v.doc(v.number({ min: 0, max: 1, exclusiveMin: true }), 'The rate is multiplied by this after every epoch.'),
          }),
          'The learning rate shrinks a little every epoch.',
        ),
      }),
      'How the learning rate changes during training; the field `kind` picks the variant.',
    ),
    seed: v.doc(v.number({ integer: true }), 'Seeds shuffling and weight initialization so that a run can be repeated.'),
    backend: v.doc(v.oneOf(BACKENDS), 'Where training runs; auto tries the fastest available (CUDA, WebGPU, native CPU, wasm, plain JS).'),
  }),
  'How the network is trained.',
);
export type TrainingSettings = v.Infer<typeof trainingSettings>;

export const meta = v.doc(
  v.object({
    name: v.doc(v.string({ maxLength: 200 }), 'Project title; also the model name in exported code.'),
    description: v.optional(v.doc(v.string({ maxLength: 5_000 }), 'Free text for people reading the project.')),
    lesson: v.optional(v.doc(v.string({ maxLength: 5_000 }), 'A "try this" note shown beside the canvas: what to change and what to watch for. Templates carry one.')),
    created: v.optional(v.doc(v.string(), 'When the project was created (ISO 8601).')),
    modified: v.optional(v.doc(v.string(), 'When the project was last saved (ISO 8601).')),
  }),
  'About the project.',
);

export const graphDoc = v.object({
  format: v.doc(v.literal('netwright-project'), 'Marks the file as a Netwright project.'),
  schemaVersion: v.doc(v.literal(SCHEMA_VERSION), 'Version of this format. Older files are upgraded on load; newer ones need a newer Netwright.'),
  meta,
  nodes: v.doc(v.array(layerNode, { maxItems: MAX_NODES }), 'The layers, in any order; analysis sorts them by the wiring.'),
  edges: v.doc(v.array(edge, { maxItems: MAX_EDGES }), 'The connections between layers.'),
  dataset: v.doc(v.nullable(datasetRef), 'The training data, or null while none is chosen.'),
  training: trainingSettings,
  search: v.optional(searchSpec),
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
