/**
 * Writes plain config values as TypeScript source and turns layer names into
 * variable names. Nested Keras-style `{className, config}` objects (the way
 * the catalog serializes regularizers, initializers and constraints) become
 * calls of tfjs' own factories, because the typed `tf.layers.*` functions
 * accept those objects instead of the serialized form.
 */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const RESERVED = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in', 'instanceof', 'interface',
  'let', 'new', 'null', 'package', 'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw',
  'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
]);

/** tfjs factory namespaces for nested serialized objects, by the config key's suffix. */
const NESTED_FACTORIES: readonly (readonly [suffix: string, namespace: string])[] = [
  ['Regularizer', 'tf.regularizers'],
  ['Initializer', 'tf.initializers'],
  ['Constraint', 'tf.constraints'],
];

/** Class names whose factory is not simply the class name with a lower-case first letter. */
const FACTORY_OVERRIDES: Readonly<Record<string, string>> = { L1L2: 'l1l2', L1: 'l1', L2: 'l2' };

/** A single-quoted string literal. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/**
 * Variable names for layer names, unique and never a reserved word or one of
 * `taken` (names the generated function already uses, such as `tf`).
 */
export function variableNames(names: readonly string[], taken: readonly string[] = []): Map<string, string> {
  const used = new Set(taken);
  const out = new Map<string, string>();
  for (const name of names) {
    let base = name.replace(/[^\w$]/g, '_');
    if (!IDENTIFIER.test(base)) base = `_${base}`;
    if (RESERVED.has(base)) base = `${base}_`;
    let candidate = base;
    for (let i = 2; used.has(candidate); i++) candidate = `${base}_${i}`;
    used.add(candidate);
    out.set(name, candidate);
  }
  return out;
}

function isSerialized(value: unknown): value is { className: string; config?: Record<string, unknown> } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return typeof (value as { className?: unknown }).className === 'string' && keys.every((k) => k === 'className' || k === 'config');
}

function factoryCall(key: string, value: { className: string; config?: Record<string, unknown> }, layout: Layout): string | undefined {
  const namespace = NESTED_FACTORIES.find(([suffix]) => key.endsWith(suffix))?.[1];
  if (!namespace || !IDENTIFIER.test(value.className)) return undefined;
  const factory = FACTORY_OVERRIDES[value.className] ?? value.className[0].toLowerCase() + value.className.slice(1);
  const config = value.config ?? {};
  const call = `${namespace}.${factory}(`;
  return `${call}${Object.keys(config).length ? literal(config, { ...layout, around: layout.around + call.length + 1 }) : ''})`;
}

function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : quote(key);
}

/** Where a literal is written: its indentation, the column it starts at, and the line width to keep within. */
export interface Layout {
  readonly indent: string;
  /** Characters on the line before the literal plus any that follow it (e.g. `).apply(x);`). */
  readonly around: number;
  readonly width: number;
}

const TOP: Layout = { indent: '', around: 0, width: 110 };

/** `const NAME = <value>;` at the top level of the program; `type` annotates it, e.g. where a string must stay a union member. */
export function constant(name: string, value: unknown, type?: string): string {
  const head = `const ${name}${type ? `: ${type}` : ''} = `;
  return `${head}${literal(value, { ...TOP, around: head.length + 1 })};`;
}

/**
 * A value as TypeScript source: on one line when that line fits in the
 * layout's width, otherwise one property or element per line.
 */
export function literal(value: unknown, layout: Layout = TOP, key = ''): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a config value${key ? ` (${key})` : ''}`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'string':
      return quote(value);
    case 'boolean':
      return String(value);
    case 'object':
      break;
    default:
      throw new Error(`cannot write a ${typeof value} as a config value${key ? ` (${key})` : ''}`);
  }
  const { indent, around, width } = layout;
  const inner = indent + '  ';
  const fits = (flat: string) => !flat.includes('\n') && around + flat.length <= width;
  if (isSerialized(value)) {
    const call = factoryCall(key, value, layout);
    if (call) return call;
  }
  if (key === 'weights' && Array.isArray(value)) {
    // tfjs' `weights` layer argument (a Dense layer's starting weights, catalog/core.ts) takes tensors; the config holds plain arrays.
    const tensors = value.map((w) => `tf.tensor(${literal(w, { indent: inner, around: 0, width: Infinity })})`);
    const flat = `[${tensors.join(', ')}]`;
    return fits(flat) ? flat : `[\n${tensors.map((t) => `${inner}${t},`).join('\n')}\n${indent}]`;
  }
  if (Array.isArray(value)) {
    const flat = `[${value.map((v) => literal(v, { indent: inner, around: 0, width: Infinity }, key)).join(', ')}]`;
    if (fits(flat)) return flat;
    const items = value.map((v) => literal(v, { indent: inner, around: inner.length + 1, width }, key));
    return `[\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (!entries.length) return '{}';
  const flat = `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${literal(v, { indent: inner, around: 0, width: Infinity }, k)}`).join(', ')} }`;
  if (fits(flat)) return flat;
  const props = entries.map(([k, v]) => {
    const name = propertyKey(k);
    return `${name}: ${literal(v, { indent: inner, around: inner.length + name.length + 3, width }, k)}`;
  });
  return `{\n${props.map((p) => `${inner}${p},`).join('\n')}\n${indent}}`;
}
