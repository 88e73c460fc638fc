/**
 * Hard sanity limits on a project. They are not a memory estimate (that
 * depends on the machine); they keep hostile or mistyped files from crashing
 * the app or the CLI, and keep every count an exact, finite number. Each one
 * is far above what a real network needs. docs/project-format.md lists them
 * with the same reasons.
 */

/**
 * How deeply arrays and objects may nest. The format itself goes 5 deep
 * (file → nodes → node → params → kernel size); anything deeper is not a
 * project, and refusing it up front means no code that walks a value can run
 * out of stack.
 */
export const MAX_DEPTH = 16;

/**
 * Arrays and objects in one project, counted with repeats. The largest
 * project the other limits allow has about 220,000 (20,000 layers, each with
 * its params, its position and up to three size lists, and 100,000
 * connections); the cap bounds the first check's work on a file of brackets.
 */
export const MAX_CONTAINERS = 1_000_000;

/**
 * Fields of any one object. The format's largest has about twenty (a layer's
 * params at most MAX_PARAMS_PER_LAYER); refusing an object of millions of
 * fields as soon as its keys are listed spares every later check from
 * walking it, and no more than MAX_ISSUES of them would be reported anyway.
 */
export const MAX_FIELDS = 1_000;

/** Layers in one project: more than any canvas can show, and analysis stays well under a second. */
export const MAX_NODES = 20_000;

/** Connections in one project: five per layer on average is more than any real network has. */
export const MAX_EDGES = 100_000;

/** Node ids, edge ends, kinds and layer names: short handles, not text. */
export const MAX_ID_LENGTH = 64;

/** Parameter names per layer and their length; the richest layer kind has about twenty. */
export const MAX_PARAMS_PER_LAYER = 100;
export const MAX_PARAM_NAME_LENGTH = 64;

/** A list parameter: a kernel size or shape has a few numbers; a Dense layer's starting weights, for a worked example, up to the 64 that Explain a step shows. */
export const MAX_PARAM_LIST = 64;

/** A text parameter names an option (the longest, `truncatedNormal`, has 15 characters). */
export const MAX_PARAM_TEXT_LENGTH = 200;

/** Any other string, unless its field says less: paths, headers, dates. */
export const MAX_TEXT_LENGTH = 10_000;

/**
 * Problems collected from one file before the check stops looking. A message
 * shows the first few; collecting millions from a 32 MB file of mistakes
 * would only cost memory.
 */
export const MAX_ISSUES = 1_000;

/** Units, filters and vector sizes of one layer: 2^16, ten times the widest layers in common use. */
export const MAX_UNITS = 65_536;

/** An Embedding's vocabulary: ten times the largest word-piece vocabularies. */
export const MAX_VOCABULARY = 1_000_000;

/** Kernel and pool sizes, strides and dilation: image datasets are at most 1,024 pixels wide. */
export const MAX_WINDOW = 1_024;

/** One dimension of an Input shape or a Reshape target: a million time steps or features per sample is beyond any dataset Netwright loads. */
export const MAX_DIMENSION = 1_000_000;

/**
 * Values in one sample's output of any layer: 4 GB of float32 for a single
 * sample is beyond any machine Netwright trains on, and products of sizes
 * below it stay exact.
 */
export const MAX_LAYER_VALUES = 1_000_000_000;

/**
 * Weights in the whole network: 4 GB of float32 before gradients and
 * optimizer state, more than tfjs can train in one process. Below it every
 * count is an exact integer, so `Total params` is never rounded or infinite.
 */
export const MAX_TOTAL_PARAMS = 1_000_000_000;
