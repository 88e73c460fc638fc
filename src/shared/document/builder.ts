/**
 * Builds documents in code: templates, tests and benchmarks use it instead of
 * writing node and edge records by hand.
 *
 * @example
 * const b = new GraphBuilder('XOR');
 * const x = b.add('Input', { shape: [2] });
 * b.chain(x, b.add('Dense', { units: 4, activation: 'tanh' }), b.add('Dense', { units: 1, activation: 'sigmoid' }));
 * const doc = b.build();
 */
import type { SearchSpec } from '../search/spec.ts';
import type { ParamValue } from './schema.ts';
import { DEFAULT_TRAINING, SCHEMA_VERSION, type DatasetRef, type Edge, type GraphDoc, type LayerNode, type TrainingSettings } from './schema.ts';

export class GraphBuilder {
  private readonly nodes: LayerNode[] = [];
  private readonly edges: Edge[] = [];
  private dataset: DatasetRef | null = null;
  private training: TrainingSettings = DEFAULT_TRAINING;
  private search: SearchSpec | undefined;
  private lesson: string | undefined;
  private column = 0;
  private readonly counters = new Map<string, number>();

  constructor(private readonly name: string, private readonly description?: string) {}

  /** Adds a layer left to right, 220 px apart; returns its id. */
  add(kind: string, params: Readonly<Record<string, ParamValue>> = {}, opts: { name?: string; row?: number } = {}): string {
    const prefix = kind.toLowerCase();
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    const id = `${prefix}_${n}`;
    this.nodes.push({ id, kind, params, position: { x: 220 * this.column++, y: 140 * (opts.row ?? 0) }, ...(opts.name ? { name: opts.name } : {}) });
    return id;
  }

  /** Connects source into target; the input slot defaults to the next free one. */
  connect(source: string, target: string, targetPort?: number): this {
    const port = targetPort ?? this.edges.filter((e) => e.target === target).length;
    this.edges.push({ id: `e_${source}_${target}_${port}`, source, target, targetPort: port });
    return this;
  }

  /** Connects each id to the next: chain(a, b, c) wires a→b→c. Returns the last id. */
  chain(...ids: string[]): string {
    for (let i = 1; i < ids.length; i++) this.connect(ids[i - 1], ids[i]);
    return ids[ids.length - 1];
  }

  /** Adds layers in sequence after `from` and returns the last id; a third entry names the layer. */
  sequence(from: string, layers: readonly [kind: string, params?: Readonly<Record<string, ParamValue>>, name?: string][]): string {
    return this.chain(from, ...layers.map(([kind, params, name]) => this.add(kind, params ?? {}, name ? { name } : {})));
  }

  withDataset(dataset: DatasetRef | null): this {
    this.dataset = dataset;
    return this;
  }

  withTraining(patch: Partial<TrainingSettings>): this {
    this.training = { ...this.training, ...patch };
    return this;
  }

  withSearch(search: SearchSpec): this {
    this.search = search;
    return this;
  }

  /** The "try this" note shown beside the canvas (meta.lesson). */
  withLesson(lesson: string): this {
    this.lesson = lesson;
    return this;
  }

  build(): GraphDoc {
    return {
      format: 'netwright-project',
      schemaVersion: SCHEMA_VERSION,
      meta: { name: this.name, ...(this.description ? { description: this.description } : {}), ...(this.lesson ? { lesson: this.lesson } : {}) },
      nodes: [...this.nodes],
      edges: [...this.edges],
      dataset: this.dataset,
      training: this.training,
      ...(this.search ? { search: this.search } : {}),
    };
  }
}
