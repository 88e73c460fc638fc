/**
 * What every layer kind declares. A kind is data (its params with defaults,
 * ranges and a sentence for a learner) plus three pure functions: the output
 * shape, the parameter count and the tfjs-layers config. Adding a layer means
 * adding one such entry; palette, inspector, analysis, compile and codegen
 * pick it up from the registry.
 */
import type { ParamValue } from '../document/schema.ts';

/** A tensor shape with `null` for the free batch dimension, e.g. [null, 28, 28, 1]. */
export type Shape = readonly (number | null)[];

export type Family =
  | 'Input'
  | 'Core'
  | 'Convolution'
  | 'Pooling'
  | 'Recurrent'
  | 'Normalization'
  | 'Regularization'
  | 'Merge'
  | 'Activation';

interface ParamBase {
  /** Short label for the inspector, e.g. "Units". */
  readonly label: string;
  /** One sentence for a learner: what it does and when to change it. */
  readonly doc: string;
  /** Show (and use) this param only while another param has one of these values. */
  readonly showIf?: { readonly param: string; readonly values: readonly (string | boolean)[] };
}

/**
 * `limit` is a sanity cap on a size (see src/shared/document/limits.ts), not
 * part of the layer's meaning: the inspector's range stays `min`/`max`, and a
 * value over the limit gets its own message.
 */
export type ParamSpec =
  | (ParamBase & { readonly type: 'int'; readonly default: number; readonly min?: number; readonly max?: number; readonly limit?: number })
  | (ParamBase & { readonly type: 'float'; readonly default: number; readonly min?: number; readonly max?: number })
  | (ParamBase & { readonly type: 'bool'; readonly default: boolean })
  | (ParamBase & { readonly type: 'enum'; readonly default: string; readonly options: readonly string[] })
  /** A list of whole numbers, e.g. a kernel size [3, 3] or an input shape [28, 28]. `length` fixes the count. */
  | (ParamBase & { readonly type: 'ints'; readonly default: readonly number[]; readonly length?: number; readonly min?: number; readonly limit?: number; readonly minLength?: number; readonly maxLength?: number })
  /** A list of any numbers, or null for none: explicit starting weights of a tiny layer. The layer checks the count against its shape. */
  | (ParamBase & { readonly type: 'floats'; readonly default: null; readonly maxLength: number });

/** Params with every default filled in and every value checked against its spec. */
export type Params = Readonly<Record<string, ParamValue>>;

/** A mechanical repair the UI can offer as a button. */
export type Fix =
  | { readonly kind: 'insert-before'; readonly layer: string; readonly params?: Params; readonly label: string }
  | { readonly kind: 'set-param'; readonly param: string; readonly value: ParamValue; readonly label: string }
  | { readonly kind: 'add-input'; readonly shape: readonly number[]; readonly label: string };

export type ShapeResult =
  | { readonly ok: true; readonly shape: Shape }
  /** `message` names the kind, shows the offending value and says how to fix it. */
  | { readonly ok: false; readonly message: string; readonly fix?: Fix };

export interface ParamCount {
  readonly trainable: number;
  readonly nonTrainable: number;
}

/** Keras-style serialization understood by tfjs-layers' `deserialize` and by codegen. */
export interface LayerConfig {
  readonly className: string;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface LayerDef {
  /** Catalog key and the kind shown on the node, e.g. "Dense". */
  readonly kind: string;
  readonly family: Family;
  /** One line for the palette and the inspector, written for a learner. */
  readonly summary: string;
  /** How many incoming edges the layer takes; Input takes none, merges take two or more. */
  readonly inputs: { readonly min: number; readonly max: number };
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Params shown on the node itself (the ones a reader looks for first). */
  readonly headline: readonly string[];
  /** The tfjs-layers factory that builds it, e.g. "dense" for tf.layers.dense (codegen writes it). */
  readonly factory: string;
  /** Output shape from input shapes (batch dimension included, as `null`). */
  inferShape(inputs: readonly Shape[], params: Params): ShapeResult;
  /** Called only after inferShape succeeded for the same inputs. */
  paramCount(inputs: readonly Shape[], params: Params): ParamCount;
  /** The tfjs-layers config, without `name` (compile adds it). */
  toConfig(params: Params, inputs: readonly Shape[]): LayerConfig;
}
