/**
 * What the trainer shows of a model while it learns, carried by its events:
 * weight statistics and pictures (snapshots), one picture's activations layer
 * by layer (the Inside tab), and test predictions. Plain data, like every
 * message of the protocol (trainer.ts re-exports it).
 */
/** Equal-width bins from min to max. */
export interface Histogram {
  readonly min: number;
  readonly max: number;
  readonly counts: readonly number[];
}

/**
 * A weight matrix shrunk for a heat map by averaging blocks: at most 64×64.
 * Conv kernels [h, w, in, out] are viewed as a (h·w·in) × out matrix first.
 */
export interface MatrixPreview {
  readonly rows: number;
  readonly cols: number;
  /** Size before shrinking. */
  readonly sourceRows: number;
  readonly sourceCols: number;
  /** rows × cols values, row-major. */
  readonly values: readonly number[];
}

/**
 * First-layer weights drawn as pictures, one per unit or filter: pixel 0 is
 * -absMax, 255 is +absMax, so 0 is mid-grey in every picture.
 */
export interface KernelImages {
  readonly width: number;
  readonly height: number;
  /** 1 (grey) or 3 (RGB, interleaved). */
  readonly channels: number;
  readonly absMax: number;
  /** One array of width·height·channels bytes (0…255) per unit; at most 64 units. */
  readonly images: readonly (readonly number[])[];
  /** How many units the layer has (images may show fewer). */
  readonly units: number;
}

export interface WeightStats {
  readonly shape: readonly number[];
  readonly histogram: Histogram;
  readonly mean: number;
  readonly std: number;
  /** L2 norm of this weight's gradient on the snapshot batch. */
  readonly gradNorm?: number;
}

/** Image models: how many pictures the activation probe offers, how many maps and units it shows per layer, and the largest side of a map. */
export const PROBE_CANDIDATES = 8;
export const PROBE_MAPS = 16;
export const PROBE_UNITS = 64;
export const PROBE_MAP_SIDE = 32;

/** A picture as bytes: 0…255, height × width × channels (1 grey or 3 RGB, interleaved). */
export interface ByteImage {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly pixels: readonly number[];
}

/** One layer's output for the probed picture. */
export interface LayerActivations {
  readonly nodeId: string;
  readonly name: string;
  readonly className: string;
  /** The output's shape without the batch dimension, e.g. [14, 14, 6] or [120]. */
  readonly shape: readonly number[];
  /** Convolution and pooling layers: the first PROBE_MAPS feature maps, each as a grey picture; byte 0 is `min`, 255 is `max` (shared by the layer's maps). */
  readonly maps?: { readonly width: number; readonly height: number; readonly min: number; readonly max: number; readonly images: readonly (readonly number[])[] };
  /** Dense layers: the first PROBE_UNITS outputs. */
  readonly units?: readonly number[];
}

/** Layers with at most this many units send their biases one by one in a snapshot. */
export const MAX_BIAS_VALUES = 64;

export interface LayerSnapshot {
  /** The graph node the layer was compiled from: views and badges find it by this, never by the name. */
  readonly nodeId: string;
  readonly name: string;
  readonly className: string;
  readonly kernel?: WeightStats & { readonly matrix: MatrixPreview };
  /** `values`: every bias, for layers of at most MAX_BIAS_VALUES units (the canvas' unit view and Explain a step draw them). */
  readonly bias?: WeightStats & { readonly values?: readonly number[] };
  /** First layer on image input only. */
  readonly images?: KernelImages;
  /** ReLU layers: share of units that output 0 for every sample of the probe batch. */
  readonly deadFraction?: number;
}

export type SamplePrediction =
  | {
      readonly task: 'classification';
      readonly index: number;
      readonly label: number;
      readonly predicted: number;
      /** The predicted class's probability (or score). */
      readonly confidence: number;
      /** Images: 0…255 grey or RGB pixels of the input; tables: the raw inputs when there are at most 16. */
      readonly input?: readonly number[];
    }
  | {
      readonly task: 'regression';
      readonly index: number;
      readonly target: readonly number[];
      readonly output: readonly number[];
      readonly input?: readonly number[];
    };
