/**
 * The data panel's labels, help texts, limits and checks come from the
 * document schema itself (datasetRef in src/shared/document/schema.ts), so
 * the form, the file format docs and the loader's validation say the same
 * thing and cannot drift apart.
 */
import { datasetRef, type DatasetRef, type Issue } from '../../../../../shared/document/index.ts';

export type DatasetKind = DatasetRef['kind'];

/** Every field name of any variant, e.g. "noise" or "trainImages". */
export type FieldName = { [K in DatasetKind]: Exclude<keyof Extract<DatasetRef, { kind: K }>, 'kind'> }[DatasetKind];

export interface FieldInfo {
  /** The schema's explanation, shown under the control. */
  readonly doc: string;
  readonly min?: number;
  readonly max?: number;
  readonly integer: boolean;
  readonly optional: boolean;
}

type Schema = { readonly [key: string]: unknown };

function variantSchema(kind: DatasetKind): Schema {
  const variants = (datasetRef.schema.oneOf ?? []) as readonly Schema[];
  const found = variants.find((v) => ((v.properties as Record<string, Schema>).kind as Schema).const === kind);
  if (!found) throw new Error(`the dataset schema has no variant "${kind}"`);
  return found;
}

/** One line about the variant: "Points generated on the fly from a seed." */
export function kindDoc(kind: DatasetKind): string {
  return String(variantSchema(kind).description ?? '');
}

export function fieldInfo(kind: DatasetKind, field: FieldName): FieldInfo {
  const variant = variantSchema(kind);
  const schema = (variant.properties as Record<string, Schema>)[field];
  if (!schema) throw new Error(`the dataset variant "${kind}" has no field "${field}"`);
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  return {
    doc: String(schema.description ?? ''),
    min: num('minimum') ?? num('exclusiveMinimum'),
    max: num('maximum'),
    integer: schema.type === 'integer',
    optional: !(variant.required as readonly string[]).includes(field),
  };
}

/**
 * Null when the reference is valid, else the first problem in words, naming
 * the field: "noise: expected a number from 0 to 1, got 2".
 */
export function refProblem(ref: unknown): string | null {
  const issues: Issue[] = [];
  datasetRef.check(ref, '', issues);
  const first = issues[0];
  return first ? (first.path ? `${first.path}: ${first.message}` : first.message) : null;
}
