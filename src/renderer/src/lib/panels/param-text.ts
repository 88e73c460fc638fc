/**
 * Text typed into the inspector → a parameter value, with the catalog's own
 * check (checkParam) so the inspector and the diagnostics use the same words.
 */
import { checkParam, type ParamSpec } from '../../../../shared/catalog/index.ts';
import type { ParamValue } from '../../../../shared/document/index.ts';

export type Parsed = { readonly ok: true; readonly value: ParamValue } | { readonly ok: false; readonly message: string };

/** How a value reads in a text field: lists as "28, 28". */
export function formatParam(value: ParamValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

export function parseParam(spec: ParamSpec, text: string): Parsed {
  const trimmed = text.trim();
  let value: ParamValue;
  switch (spec.type) {
    case 'int':
    case 'float': {
      if (trimmed === '') return { ok: false, message: `${spec.label} needs a value` };
      const n = Number(trimmed);
      if (!Number.isFinite(n)) return { ok: false, message: `"${trimmed}" is not a number` };
      value = n;
      break;
    }
    case 'ints': {
      const parts = trimmed === '' ? [] : trimmed.split(/[\s,×x]+/).filter(Boolean);
      const nums = parts.map(Number);
      const bad = parts.find((p, i) => !Number.isInteger(nums[i]));
      if (bad !== undefined) return { ok: false, message: `"${bad}" is not a whole number; write sizes like 28, 28` };
      value = nums;
      break;
    }
    case 'floats': {
      const parts = trimmed === '' ? [] : trimmed.split(/[\s,]+/).filter(Boolean);
      const bad = parts.find((p) => !Number.isFinite(Number(p)));
      if (bad !== undefined) return { ok: false, message: `"${bad}" is not a number; write numbers like 0.15, -0.2` };
      value = parts.length ? parts.map(Number) : null;
      break;
    }
    case 'bool':
      value = trimmed === 'true';
      break;
    case 'enum':
      value = trimmed;
      break;
    default: {
      const never: never = spec;
      throw new Error(`unknown param spec ${JSON.stringify(never)}`);
    }
  }
  const problem = checkParam(spec, value);
  return problem ? { ok: false, message: problem } : { ok: true, value };
}
