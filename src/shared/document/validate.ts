/**
 * A small validator kit: each validator checks untrusted JSON, reports every
 * problem with its path, and knows its own JSON Schema. The document's types are
 * derived from the validators (`Infer`), so the runtime check, the TypeScript
 * type and the published schema cannot drift apart.
 */
import { MAX_ISSUES, MAX_TEXT_LENGTH } from './limits.ts';
import { printable } from './printable.ts';

export interface Issue {
  /** Where the problem is, e.g. `nodes[3].params.units`. Empty for the root. */
  readonly path: string;
  /** What was expected and what was found, e.g. `expected a positive integer, got "ten"`. */
  readonly message: string;
}

export type JsonSchema = { readonly [key: string]: unknown };

export interface Validator<T> {
  readonly schema: JsonSchema;
  /** Returns the checked value, or undefined after pushing at least one issue. */
  check(value: unknown, path: string, issues: Issue[]): T | undefined;
}

export type Infer<V> = V extends Validator<infer T> ? T : never;

/** Marks an object field as optional (absent is fine; present must validate). */
export interface OptionalField<T> extends Validator<T> {
  readonly optional: true;
}

/**
 * A short, safe rendering of a bad value for messages. It never walks into
 * nested values, so a hostile value cannot make it slow or deep.
 */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return quote(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (Array.isArray(value)) {
    if (value.length > 6 || value.some((item) => typeof item === 'object' && item !== null)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
    return `[${value.map((item) => (typeof item === 'string' ? describe(item) : JSON.stringify(item) ?? 'null')).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/**
 * The closest of `options` to a mistyped `word` (case-insensitive edit
 * distance within a third of its length), for "did you mean" hints.
 */
export function closest(word: string, options: Iterable<string>): string | undefined {
  // Past this length no name is a near miss, and the distance costs length × length.
  if (word.length > 64) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const option of options) {
    const d = editDistance(w, option.toLowerCase());
    if (d < bestDistance) {
      best = option;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** Keys are shortened like values: a path names a field, it should not repeat a megabyte-long key. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (key.length > 64) return `${path}[${quote(key.slice(0, 40) + '…')}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${quote(key)}]`;
}

/** A string from a file in double quotes, every control and invisible character escaped, so a message stays one honest line. */
function quote(text: string): string {
  return printable(JSON.stringify(text));
}

/** True once a check has found enough problems; loops stop there (see MAX_ISSUES). */
export function enough(issues: readonly Issue[]): boolean {
  return issues.length >= MAX_ISSUES;
}

/**
 * Why a value nests too deeply, holds too many arrays and objects, or has an
 * object of too many fields; or undefined. The root counts as depth 1.
 * Iterative, with one frame per level, and it counts every visit, so neither
 * a deep value nor one whose parts are shared many times over (structured
 * clone keeps sharing) can make it overflow the stack or run for long. The
 * field count comes with the keys it lists anyway, so a file that is one
 * object of millions of fields is refused before any check walks it again.
 */
export function nestingIssue(root: unknown, limits: { readonly maxDepth: number; readonly maxContainers: number; readonly maxFields: number }): Issue | undefined {
  interface Frame {
    readonly value: Record<string, unknown> | readonly unknown[];
    readonly keys: readonly string[] | undefined;
    next: number;
  }
  const frame = (value: object): Frame =>
    Array.isArray(value) ? { value, keys: undefined, next: 0 } : { value: value as Record<string, unknown>, keys: Object.keys(value), next: 0 };
  const pathOf = (stack: readonly Frame[]) => stack.reduce((at, f) => joinPath(at, f.keys ? f.keys[f.next - 1] : f.next - 1), '');
  const tooManyFields = (f: Frame): string | undefined =>
    f.keys && f.keys.length > limits.maxFields ? `is an object of ${f.keys.length.toLocaleString('en-US')} fields, more than ${limits.maxFields.toLocaleString('en-US')}` : undefined;
  if (typeof root !== 'object' || root === null) return undefined;
  const stack: Frame[] = [frame(root)];
  const rootFields = tooManyFields(stack[0]);
  if (rootFields) return { path: '', message: rootFields };
  let containers = 1;
  while (stack.length) {
    const top = stack[stack.length - 1];
    const count = top.keys ? top.keys.length : (top.value as readonly unknown[]).length;
    if (top.next >= count) {
      stack.pop();
      continue;
    }
    const child = top.keys ? (top.value as Record<string, unknown>)[top.keys[top.next]] : (top.value as readonly unknown[])[top.next];
    top.next++;
    if (typeof child !== 'object' || child === null) continue;
    if (stack.length >= limits.maxDepth) return { path: pathOf(stack), message: `is nested more than ${limits.maxDepth} levels deep` };
    if (++containers > limits.maxContainers) return { path: '', message: `holds more than ${limits.maxContainers.toLocaleString('en-US')} lists and objects` };
    const next = frame(child);
    const fields = tooManyFields(next);
    if (fields) return { path: pathOf(stack), message: fields };
    stack.push(next);
  }
  return undefined;
}

function fail<T>(issues: Issue[], path: string, expected: string, value: unknown): T | undefined {
  issues.push({ path, message: `expected ${expected}, got ${describe(value)}` });
  return undefined;
}

export function string(opts: { minLength?: number; maxLength?: number; description?: string } = {}): Validator<string> {
  const { minLength = 0, maxLength = MAX_TEXT_LENGTH } = opts;
  const expected = minLength > 0 ? 'a non-empty string' : 'a string';
  return {
    schema: { type: 'string', minLength, maxLength, ...(opts.description ? { description: opts.description } : {}) },
    check(value, path, issues) {
      if (typeof value !== 'string' || value.length < minLength) return fail(issues, path, expected, value);
      if (value.length > maxLength) return fail(issues, path, `at most ${maxLength} characters`, value);
      return value;
    },
  };
}

export function number(opts: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean; description?: string } = {}): Validator<number> {
  const { min, max, integer = false, exclusiveMin = false } = opts;
  const kind = integer ? 'an integer' : 'a number';
  let expected = kind;
  if (integer && min === 1 && max === undefined) expected = 'a positive integer';
  else if (min !== undefined && max !== undefined) expected = exclusiveMin ? `${kind} above ${min} and at most ${max}` : `${kind} from ${min} to ${max}`;
  else if (min !== undefined) expected = `${kind} ${exclusiveMin ? '>' : '≥'} ${min}`;
  else if (max !== undefined) expected = `${kind} ≤ ${max}`;
  return {
    schema: {
      type: integer ? 'integer' : 'number',
      ...(min !== undefined ? (exclusiveMin ? { exclusiveMinimum: min } : { minimum: min }) : {}),
      ...(max !== undefined ? { maximum: max } : {}),
      ...(opts.description ? { description: opts.description } : {}),
    },
    check(value, path, issues) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(issues, path, expected, value);
      if (integer && !Number.isInteger(value)) return fail(issues, path, expected, value);
      if (min !== undefined && (exclusiveMin ? value <= min : value < min)) return fail(issues, path, expected, value);
      if (max !== undefined && value > max) return fail(issues, path, expected, value);
      return value;
    },
  };
}

export function boolean(): Validator<boolean> {
  return {
    schema: { type: 'boolean' },
    check: (value, path, issues) => (typeof value === 'boolean' ? value : fail(issues, path, 'true or false', value)),
  };
}

export function literal<const T extends string | number | boolean>(expected: T): Validator<T> {
  return {
    schema: { const: expected },
    check: (value, path, issues) => (value === expected ? (value as T) : fail(issues, path, JSON.stringify(expected), value)),
  };
}

export function oneOf<const T extends readonly string[]>(options: T, description?: string): Validator<T[number]> {
  const expected = `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
  return {
    schema: { enum: options, ...(description ? { description } : {}) },
    check: (value, path, issues) =>
      typeof value === 'string' && options.includes(value) ? (value as T[number]) : fail(issues, path, expected, value),
  };
}

export function array<T>(item: Validator<T>, opts: { minItems?: number; maxItems?: number } = {}): Validator<readonly T[]> {
  const { minItems = 0, maxItems = 100_000 } = opts;
  return {
    schema: { type: 'array', items: item.schema, minItems, maxItems },
    check(value, path, issues) {
      if (!Array.isArray(value)) return fail(issues, path, 'an array', value);
      if (value.length < minItems) return fail(issues, path, `at least ${minItems} item${minItems === 1 ? '' : 's'}`, value);
      if (value.length > maxItems) return fail(issues, path, `at most ${maxItems} items`, value);
      const before = issues.length;
      const out: (T | undefined)[] = [];
      for (let i = 0; i < value.length && !enough(issues); i++) out.push(item.check(value[i], joinPath(path, i), issues));
      return issues.length === before ? (out as T[]) : undefined;
    },
  };
}

/** Attaches a description to a validator's JSON Schema (editors show it as a tooltip; docs list it). */
export function doc<V extends Validator<unknown>>(validator: V, description: string): V {
  return { ...validator, schema: { ...validator.schema, description } };
}

export function optional<T>(inner: Validator<T>): OptionalField<T> {
  return { ...inner, optional: true };
}

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return {
    schema: { anyOf: [inner.schema, { type: 'null' }] },
    check: (value, path, issues) => (value === null ? null : inner.check(value, path, issues)),
  };
}

type Shape = Record<string, Validator<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalField<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjectOf<S extends Shape> = {
  readonly [K in RequiredKeys<S>]: Infer<S[K]>;
} & {
  readonly [K in OptionalKeys<S>]?: Infer<S[K]>;
};

/**
 * An object with known fields. Unknown fields are reported (a typo such as
 * `unit` for `units` should not pass silently) unless `open` is set.
 */
export function object<S extends Shape>(shape: S, opts: { open?: boolean; description?: string } = {}): Validator<ObjectOf<S>> {
  const required = Object.keys(shape).filter((k) => !(shape[k] as Partial<OptionalField<unknown>>).optional);
  return {
    schema: {
      type: 'object',
      properties: Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.schema])),
      required,
      additionalProperties: !!opts.open,
      ...(opts.description ? { description: opts.description } : {}),
    },
    check(value, path, issues) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(issues, path, 'an object', value);
      const before = issues.length;
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, validator] of Object.entries(shape)) {
        if (enough(issues)) break;
        const v = Object.hasOwn(record, key) ? record[key] : undefined;
        if (v === undefined) {
          if (!(validator as Partial<OptionalField<unknown>>).optional) issues.push({ path: joinPath(path, key), message: 'is missing' });
          continue;
        }
        out[key] = validator.check(v, joinPath(path, key), issues);
      }
      for (const key of Object.keys(record)) {
        if (enough(issues)) break;
        if (Object.hasOwn(shape, key)) continue;
        if (opts.open) setOwn(out, key, record[key]);
        else issues.push({ path: joinPath(path, key), message: unknownField(key, Object.keys(shape)) });
      }
      return issues.length === before ? (out as ObjectOf<S>) : undefined;
    },
  };
}

function unknownField(key: string, known: readonly string[]): string {
  const guess = closest(key, known);
  return `is not a known field${guess ? `: did you mean ${JSON.stringify(guess)}?` : ''} (known: ${known.join(', ')})`;
}

/** Plain assignment would let a `__proto__` key from untrusted JSON replace the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A map from free-form keys to values of one kind (e.g. layer params), with at most `maxKeys` keys of at most `maxKeyLength` characters. */
export function record<T>(item: Validator<T>, opts: { maxKeys?: number; maxKeyLength?: number } = {}): Validator<Readonly<Record<string, T>>> {
  const { maxKeys = 100_000, maxKeyLength = MAX_TEXT_LENGTH } = opts;
  return {
    schema: {
      type: 'object',
      additionalProperties: item.schema,
      ...(opts.maxKeys !== undefined ? { maxProperties: maxKeys } : {}),
      ...(opts.maxKeyLength !== undefined ? { propertyNames: { maxLength: maxKeyLength } } : {}),
    },
    check(value, path, issues) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(issues, path, 'an object', value);
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length > maxKeys) {
        issues.push({ path, message: `expected at most ${maxKeys} entries, got ${entries.length}` });
        return undefined;
      }
      const before = issues.length;
      const out: Record<string, T> = {};
      for (const [k, v] of entries) {
        if (enough(issues)) break;
        if (k.length > maxKeyLength) issues.push({ path: joinPath(path, k), message: `is a name of ${k.length} characters; at most ${maxKeyLength} are allowed` });
        else setOwn(out, k, item.check(v, joinPath(path, k), issues));
      }
      return issues.length === before ? out : undefined;
    },
  };
}

/** One of several object shapes, chosen by the string in field `key`. */
export function tagged<K extends string, const M extends Record<string, Validator<unknown>>>(
  key: K,
  variants: M,
): Validator<{ [T in keyof M]: Infer<M[T]> }[keyof M]> {
  const tags = Object.keys(variants);
  return {
    schema: { oneOf: Object.values(variants).map((v) => v.schema) },
    check(value, path, issues) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(issues, path, 'an object', value);
      const tag = (value as Record<string, unknown>)[key];
      const variant = typeof tag === 'string' && Object.hasOwn(variants, tag) ? variants[tag] : undefined;
      if (!variant) return fail(issues, joinPath(path, key), `one of ${tags.map((t) => JSON.stringify(t)).join(', ')}`, tag);
      return variant.check(value, path, issues) as { [T in keyof M]: Infer<M[T]> }[keyof M];
    },
  };
}

/** Any of the given validators; reports the first alternative's issues when none fits. */
export function anyOf<A, B>(a: Validator<A>, b: Validator<B>, expected: string): Validator<A | B> {
  return {
    schema: { anyOf: [a.schema, b.schema] },
    check(value, path, issues) {
      const scratch: Issue[] = [];
      const first = a.check(value, path, scratch);
      if (scratch.length === 0) return first as A;
      const scratch2: Issue[] = [];
      const second = b.check(value, path, scratch2);
      if (scratch2.length === 0) return second as B;
      return fail(issues, path, expected, value);
    },
  };
}
