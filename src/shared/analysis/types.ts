import type { Fix, ParamCount, Params, Shape } from '../catalog/types.ts';
import type { TrainingSettings } from '../document/schema.ts';

export type Severity = 'error' | 'warning';

export type DiagnosticCode =
  | 'unknown-kind'
  | 'bad-param'
  | 'no-input'
  | 'no-output'
  | 'multiple-outputs'
  | 'dangling-edge'
  | 'missing-input'
  | 'too-many-inputs'
  | 'port-taken'
  | 'cycle'
  | 'shape'
  | 'unconnected'
  | 'duplicate-name'
  | 'bad-name'
  | 'loss-mismatch'
  /** Beyond a hard size limit (src/shared/document/limits.ts). */
  | 'too-large';

/**
 * A repair of the document's training settings rather than of a layer: the
 * settings are not layer params, so a set-param fix on the output layer would
 * write e.g. `loss` where no layer takes it. `changes` is merged into
 * `doc.training` as one undoable edit.
 */
export interface TrainingFix {
  readonly kind: 'set-training';
  readonly changes: Partial<TrainingSettings>;
  readonly label: string;
}

/** What a diagnostic's Fix button does: a layer edit from the catalog, or a training-settings edit. */
export type DiagnosticFix = Fix | TrainingFix;

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  /** Names the layer, shows the bad value and says how to fix it. */
  readonly message: string;
  /** The node to mark and centre on, when one is at fault. */
  readonly nodeId?: string;
  /** The edge to mark, when a connection is at fault. */
  readonly edgeId?: string;
  /** The parameter at fault, for bad-param. */
  readonly param?: string;
  /** A mechanical repair the UI can offer as a button. */
  readonly fix?: DiagnosticFix;
}

export interface NodeInfo {
  readonly id: string;
  /** The layer's name in the summary and the exported code (explicit or derived, e.g. dense_2). */
  readonly name: string;
  readonly kind: string;
  /** Params with defaults filled; bad values replaced by defaults (and reported). */
  readonly params: Params;
  /** Source node ids in input-slot order. */
  readonly inputs: readonly string[];
  readonly inputShapes: readonly Shape[];
  /** null when the shape could not be inferred (this node or something upstream is wrong). */
  readonly outputShape: Shape | null;
  readonly paramCount: ParamCount;
  /** False for nodes that do not take part in the model (unconnected, in a cycle, unknown kind). */
  readonly inModel: boolean;
}

export interface SummaryRow {
  readonly nodeId: string;
  readonly name: string;
  readonly kind: string;
  readonly outputShape: Shape | null;
  readonly params: number;
}

export interface Summary {
  readonly layers: readonly SummaryRow[];
  readonly totalParams: number;
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
}

export interface Analysis {
  /** Node ids in a topological order (nodes on cycles left out). */
  readonly order: readonly string[];
  readonly nodes: ReadonlyMap<string, NodeInfo>;
  /** Shape flowing along each edge, by edge id (null where unknown). */
  readonly edgeShapes: ReadonlyMap<string, Shape | null>;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: Summary;
  /** True when there is no error: the document can be compiled and trained. */
  readonly ok: boolean;
}
