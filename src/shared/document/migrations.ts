/**
 * Named, ordered upgrades of the on-disk format. Each takes the JSON of one
 * version and returns the JSON of the next; `migrate` chains them. A change to
 * schema.ts that alters the format adds one entry here and a test that loads a
 * file of the old version.
 */
import { SCHEMA_VERSION } from './schema.ts';
import { describe } from './validate.ts';

type Json = Record<string, unknown>;

export interface Migration {
  readonly from: number;
  readonly name: string;
  up(doc: Json): Json;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    name: 'edges get input slots; training gets a schedule and a backend choice',
    up(doc) {
      const slots = new Map<unknown, number>();
      const edges = Array.isArray(doc.edges)
        ? doc.edges.map((e: unknown) => {
            if (typeof e !== 'object' || e === null) return e;
            const edge = e as Json;
            const next = slots.get(edge.target) ?? 0;
            slots.set(edge.target, next + 1);
            return { ...edge, targetPort: edge.targetPort ?? next };
          })
        : doc.edges;
      const training = typeof doc.training === 'object' && doc.training !== null ? (doc.training as Json) : doc.training;
      return {
        ...doc,
        schemaVersion: 2,
        edges,
        training:
          training && typeof training === 'object'
            ? { schedule: { kind: 'constant' }, backend: 'auto', ...training }
            : training,
      };
    },
  },
  {
    from: 2,
    name: 'projects can carry a hyperparameter search',
    // Nothing to convert: version 3 only adds the optional `search`, which older builds must not drop unread.
    up: (doc) => ({ ...doc, schemaVersion: 3 }),
  },
  {
    from: 3,
    name: 'projects can carry a lesson note and read CIFAR-10',
    // Nothing to convert: version 4 only adds the optional `meta.lesson` and the `cifar10` dataset kind, which older builds must not drop or misread.
    up: (doc) => ({ ...doc, schemaVersion: 4 }),
  },
];

export type MigrationResult =
  | { readonly ok: true; readonly doc: Json; readonly applied: readonly string[] }
  /** `path` is the field at fault (always `schemaVersion` today), `message` what is wrong with it. */
  | { readonly ok: false; readonly path: string; readonly message: string };

/** Brings a parsed JSON object up to SCHEMA_VERSION, or says why it cannot. */
export function migrate(doc: Json): MigrationResult {
  let version = doc.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, path: 'schemaVersion', message: `expected a whole number ≥ 1, got ${describe(version)}` };
  }
  if (version > SCHEMA_VERSION) {
    return {
      ok: false,
      path: 'schemaVersion',
      message: `this file was written by a newer Netwright (format version ${version}); this build reads up to version ${SCHEMA_VERSION}. Update Netwright to open it.`,
    };
  }
  const applied: string[] = [];
  let current = doc;
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS.find((m) => m.from === version);
    if (!step) return { ok: false, path: 'schemaVersion', message: `no migration from version ${version}` };
    try {
      current = step.up(current);
    } catch (err) {
      // Steps guard against odd shapes, but loading must never throw on a bad file.
      return { ok: false, path: 'schemaVersion', message: `cannot upgrade from version ${version} (${step.name}): ${(err as Error).message}` };
    }
    applied.push(`${version}→${version + 1}: ${step.name}`);
    version += 1;
  }
  return { ok: true, doc: current, applied };
}
