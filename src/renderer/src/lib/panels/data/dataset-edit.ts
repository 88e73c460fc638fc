/**
 * Edits of the dataset reference as pure functions: the panel turns each
 * committed change into one EditorStore.commit, and the tests check the refs
 * these produce.
 */
import { DERIVED_FEATURES, type DatasetRef, type GraphDoc } from '../../../../../shared/document/index.ts';
import type { DerivedFeature } from '../../../../../shared/datasets/index.ts';
import type { DatasetKind } from './dataset-schema.ts';

export type GeneratedRef = Extract<DatasetRef, { kind: 'generated' }>;
export type CsvRef = Extract<DatasetRef, { kind: 'csv' }>;

/** Settings a new generated set starts with: enough points to see a shape, a little noise. */
export const NEW_GENERATED: GeneratedRef = { kind: 'generated', name: 'circle', samples: 500, noise: 0.1, trainRatio: 0.8, seed: 1 };
export const NEW_BUILTIN: Extract<DatasetRef, { kind: 'builtin' }> = { kind: 'builtin', name: 'mnist' };

/** Kinds that need a file or folder before a reference can exist (their paths may not be empty). */
export const NEEDS_PATH: readonly DatasetKind[] = ['csv', 'idx', 'images', 'cifar10'];

/** The whole document with a new dataset; the same object when nothing changed, so commit records no step. */
export function withDataset(doc: GraphDoc, dataset: DatasetRef | null): GraphDoc {
  return JSON.stringify(doc.dataset) === JSON.stringify(dataset) ? doc : { ...doc, dataset };
}

/**
 * Sets one field; `undefined` removes an optional one so the default applies.
 * The caller validates the result (refProblem) before committing it.
 */
export function setField(ref: DatasetRef, field: string, value: unknown): DatasetRef {
  const next: Record<string, unknown> = { ...ref };
  if (value === undefined) delete next[field];
  else next[field] = value;
  return next as DatasetRef;
}

/** Turns a derived feature on or off, keeping the schema's order so the input columns do not depend on click order. */
export function toggleFeature(ref: GeneratedRef, feature: DerivedFeature, on: boolean): GeneratedRef {
  const set = new Set(ref.features ?? []);
  if (on) set.add(feature);
  else set.delete(feature);
  const features = DERIVED_FEATURES.filter((f) => set.has(f));
  const { features: _old, ...rest } = ref;
  return features.length ? { ...rest, features } : rest;
}

/** Adds or removes a column from the CSV's ignored inputs; the target is never ignored. */
export function toggleIgnored(ref: CsvRef, column: string, ignored: boolean): CsvRef {
  const set = new Set(ref.ignore ?? []);
  if (ignored && column !== ref.target) set.add(column);
  else set.delete(column);
  const { ignore: _old, ...rest } = ref;
  return set.size ? { ...rest, ignore: [...set] } : rest;
}

/** A new target column: it leaves the ignored list, since a column cannot be both. */
export function chooseTarget(ref: CsvRef, column: string): CsvRef {
  return toggleIgnored({ ...ref, target: column }, column, false);
}

function folderOf(path: string): string {
  return path.replace(/[\\/][^\\/]*$/, '');
}

/**
 * Paths inside the project's folder are stored relative to it, so a project
 * and its data can move together; anything else stays absolute.
 */
export function projectRelative(path: string, projectPath: string | null): string {
  if (!projectPath) return path;
  const dir = folderOf(projectPath);
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  return path.startsWith(prefix) && path.length > prefix.length ? path.slice(prefix.length) : path;
}
