/**
 * Checks a node's stored params against its kind's specs and fills defaults.
 * Used by analysis (diagnostics), by the inspector (validation as you type)
 * and by parsing tools that want `nodes[3].params.units: …` messages.
 */
import type { ParamValue } from '../document/schema.ts';
import { describe } from '../document/validate.ts';
import type { LayerDef, ParamSpec, Params } from './types.ts';

export interface ParamProblem {
  readonly param: string;
  /** e.g. `expected a positive integer, got "ten"` */
  readonly message: string;
}

/** Returns undefined when the value fits the spec, else what was expected. */
export function checkParam(spec: ParamSpec, value: ParamValue): string | undefined {
  switch (spec.type) {
    case 'int': {
      const range = rangeText(spec.min, spec.max, true);
      if (typeof value !== 'number' || !Number.isInteger(value)) return `expected ${range}, got ${describe(value)}`;
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) return `expected ${range}, got ${value}`;
      if (spec.limit !== undefined && value > spec.limit) return overLimit(spec.limit, value);
      return undefined;
    }
    case 'float': {
      const range = rangeText(spec.min, spec.max, false);
      if (typeof value !== 'number' || !Number.isFinite(value)) return `expected ${range}, got ${describe(value)}`;
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) return `expected ${range}, got ${value}`;
      return undefined;
    }
    case 'bool':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${describe(value)}`;
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value)
        ? undefined
        : `expected one of ${spec.options.join(', ')}, got ${describe(value)}`;
    case 'ints': {
      const min = spec.min ?? 1;
      const count = spec.length !== undefined ? `${spec.length} ` : '';
      const expected = `a list of ${count}whole numbers ≥ ${min}`;
      if (!Array.isArray(value) || value.some((x) => typeof x !== 'number' || !Number.isInteger(x) || x < min)) {
        return `expected ${expected}, got ${describe(value)}`;
      }
      if (spec.length !== undefined && value.length !== spec.length) return `expected ${expected}, got ${describe(value)}`;
      if (spec.minLength !== undefined && value.length < spec.minLength) return `expected at least ${spec.minLength} numbers, got ${describe(value)}`;
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return `expected at most ${spec.maxLength} numbers, got ${describe(value)}`;
      const over = spec.limit !== undefined ? value.find((x) => x > spec.limit!) : undefined;
      if (over !== undefined) return overLimit(spec.limit!, over);
      return undefined;
    }
    case 'floats': {
      if (value === null) return undefined;
      if (!Array.isArray(value) || value.length === 0 || value.some((x) => typeof x !== 'number' || !Number.isFinite(x))) return `expected a list of numbers, or nothing, got ${describe(value)}`;
      if (value.length > spec.maxLength) return `expected at most ${spec.maxLength} numbers, got ${value.length}`;
      return undefined;
    }
    default: {
      const never: never = spec;
      throw new Error(`unknown param spec ${JSON.stringify(never)}`);
    }
  }
}

function overLimit(limit: number, value: number): string {
  return `expected at most ${limit.toLocaleString('en-US')} (the largest size Netwright builds), got ${value}`;
}

function rangeText(min: number | undefined, max: number | undefined, integer: boolean): string {
  const kind = integer ? 'an integer' : 'a number';
  if (integer && min === 1 && max === undefined) return 'a positive integer';
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} ≥ ${min}`;
  if (max !== undefined) return `${kind} ≤ ${max}`;
  return kind;
}

/**
 * Fills defaults and checks every stored value. Bad values are reported and
 * replaced by the default, so analysis can go on and show further problems.
 * A kernel size given as a single number is widened to the spec's length.
 */
export function resolveParams(def: LayerDef, stored: Readonly<Record<string, ParamValue>>): { params: Params; problems: ParamProblem[] } {
  const params: Record<string, ParamValue> = {};
  const problems: ParamProblem[] = [];
  for (const [name, spec] of Object.entries(def.params)) {
    let value = Object.hasOwn(stored, name) ? stored[name] : undefined;
    if (value === undefined) {
      params[name] = spec.default as ParamValue;
      continue;
    }
    if (spec.type === 'ints' && typeof value === 'number' && spec.length !== undefined) value = Array(spec.length).fill(value);
    const problem = checkParam(spec, value);
    if (problem) {
      problems.push({ param: name, message: problem });
      params[name] = spec.default as ParamValue;
    } else params[name] = value;
  }
  for (const name of Object.keys(stored)) {
    // Own names only: `constructor` or `__proto__` are on every object but are no layer's parameters.
    if (!Object.hasOwn(def.params, name)) {
      problems.push({ param: name, message: `is not a parameter of ${def.kind} (it has: ${Object.keys(def.params).join(', ') || 'none'})` });
    }
  }
  return { params, problems };
}

export function defaultParams(def: LayerDef): Params {
  return Object.fromEntries(Object.entries(def.params).map(([k, s]) => [k, s.default as ParamValue]));
}

/** Typed readers for resolved params (resolveParams guarantees the types). */
export const p = {
  int: (params: Params, name: string): number => params[name] as number,
  float: (params: Params, name: string): number => params[name] as number,
  bool: (params: Params, name: string): boolean => params[name] as boolean,
  str: (params: Params, name: string): string => params[name] as string,
  ints: (params: Params, name: string): readonly number[] => params[name] as readonly number[],
  floats: (params: Params, name: string): readonly number[] | null => params[name] as readonly number[] | null,
};
