/**
 * CompileSpec: everything needed to build and train the model, in
 * Keras-style serialized form. The trainer builds a tf.LayersModel from it
 * with the functional API; codegen writes the same construction as source.
 */
import type { Shape } from '../catalog/types.ts';
import type { DatasetRef, TrainingSettings } from '../document/schema.ts';

export interface CompiledLayer {
  readonly nodeId: string;
  /** Unique layer name, used as the tfjs layer name and as the variable in exported code. */
  readonly name: string;
  readonly kind: string;
  /** tfjs-layers class, e.g. "Dense" or "InputLayer". */
  readonly className: string;
  /** tfjs-layers factory, e.g. "dense"; "input" for inputs (tf.input). */
  readonly factory: string;
  /** Keras-style config including `name`. For inputs: { shape, dtype, name }. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Names of the layers feeding this one, in input-slot order (empty for inputs). */
  readonly inputs: readonly string[];
  readonly outputShape: Shape;
  readonly params: number;
}

export interface CompileSpec {
  readonly modelName: string;
  /** Layers in topological order: every layer comes after its inputs. */
  readonly layers: readonly CompiledLayer[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly training: TrainingSettings;
  readonly dataset: DatasetRef | null;
  /** Totals from analysis, so a built model can be checked against them. */
  readonly totalParams: number;
  readonly trainableParams: number;
}
