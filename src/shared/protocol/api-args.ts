/**
 * Argument validators for every ApiMethods call. The host (Electron ipcMain and
 * `netwright serve`) runs validateCall before a service sees anything, so a
 * buggy or hostile renderer gets a clear `invalid-arguments` error and the host
 * never acts on a malformed payload.
 */
import { validateDocument } from '../document/parse.ts';
import type { GraphDoc } from '../document/schema.ts';
import * as v from '../document/validate.ts';
import type { ApiMethodName, ApiMethods } from './api.ts';

/** Long enough for any real path, short enough that nobody ships megabytes through a path field. */
const MAX_PATH = 4096;
/** A dropped project file; the largest documents the schema allows are a few megabytes. */
export const MAX_PROJECT_TEXT = 32 * 1024 * 1024;

function path(): v.Validator<string> {
  const base = v.string({ minLength: 1, maxLength: MAX_PATH });
  return {
    schema: base.schema,
    check(value, at, issues) {
      const s = base.check(value, at, issues);
      if (s === undefined) return undefined;
      if (s.includes('\0')) {
        issues.push({ path: at, message: 'expected a path, got a string containing a NUL character' });
        return undefined;
      }
      return s;
    },
  };
}

/** A bare file name for a save dialog's suggestion: no folders, nothing that could climb out of one. */
function fileName(): v.Validator<string> {
  const base = v.string({ minLength: 1, maxLength: 255 });
  return {
    schema: base.schema,
    check(value, at, issues) {
      const s = base.check(value, at, issues);
      if (s === undefined) return undefined;
      if (/[/\\\0]/.test(s) || s === '.' || s === '..') {
        issues.push({ path: at, message: `expected a file name without folders, got ${v.describe(s)}` });
        return undefined;
      }
      return s;
    },
  };
}

/** The whole document check (schema, migration, id references), reported under the argument's name. */
const graphDocArg: v.Validator<GraphDoc> = {
  schema: { $ref: 'project-format.schema.json' },
  check(value, at, issues) {
    const result = validateDocument(value);
    if (result.ok) return result.doc;
    for (const issue of result.issues) issues.push({ path: issue.path ? `${at}.${issue.path}` : at, message: issue.message });
    return undefined;
  },
};

type Arg<T> = readonly [name: string, validator: v.Validator<T>];
type ArgsOf<P extends readonly unknown[]> = { readonly [I in keyof P]: Arg<P[I]> };
type ArgsFor<M extends ApiMethodName> = ArgsOf<Parameters<ApiMethods[M]>>;

/** One entry per method; the type ties each validator to the method's parameter, so they cannot drift apart. */
export const API_ARGS: { readonly [M in ApiMethodName]: ArgsFor<M> } = {
  hostInfo: [],
  listTemplates: [],
  newFromTemplate: [['id', v.string({ minLength: 1, maxLength: 100 })]],
  openProject: [['path', path()]],
  parseProjectText: [
    ['name', v.string({ minLength: 1, maxLength: 255 })],
    ['text', v.string({ maxLength: MAX_PROJECT_TEXT })],
  ],
  saveProject: [
    ['path', path()],
    ['doc', graphDocArg],
  ],
  recentProjects: [],
  writeRecovery: [
    ['doc', graphDocArg],
    ['path', v.nullable(path())],
  ],
  takeRecovery: [],
  discardRecovery: [],
  showOpenDialog: [],
  showSaveDialog: [
    ['suggestedName', fileName()],
    ['kind', v.oneOf(['project', 'typescript'] as const)],
  ],
  listDirectory: [['dir', v.nullable(path())]],
  generateTypeScript: [['doc', graphDocArg]],
  exportTypeScript: [
    ['doc', graphDocArg],
    ['path', path()],
  ],
  setDirty: [
    ['dirty', v.boolean()],
    ['title', v.string({ maxLength: 300 })],
  ],
  closeWindow: [],
};

export const API_METHOD_NAMES = Object.keys(API_ARGS) as readonly ApiMethodName[];

export function isApiMethod(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && Object.hasOwn(API_ARGS, name);
}

export type CallCheck<M extends ApiMethodName> =
  | { readonly ok: true; readonly args: Parameters<ApiMethods[M]> }
  | { readonly ok: false; readonly message: string };

/**
 * Checks the arguments of one call. Messages read like
 * `saveProject: doc.nodes[2].id: expected a non-empty string, got ""`.
 */
export function validateCall<M extends ApiMethodName>(method: M, args: unknown): CallCheck<M> {
  const spec = API_ARGS[method] as readonly Arg<unknown>[];
  if (!Array.isArray(args)) return { ok: false, message: `${method}: expected a list of arguments, got ${v.describe(args)}` };
  if (args.length !== spec.length) {
    const names = spec.map(([name]) => name).join(', ');
    return { ok: false, message: `${method}: expected ${spec.length} argument${spec.length === 1 ? '' : 's'} (${names || 'none'}), got ${args.length}` };
  }
  const issues: v.Issue[] = [];
  const out = spec.map(([name, validator], i) => validator.check(args[i], name, issues));
  if (issues.length) {
    const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
    if (issues.length > 5) shown.push(`…and ${issues.length - 5} more`);
    return { ok: false, message: `${method}: ${shown.join('; ')}` };
  }
  return { ok: true, args: out as Parameters<ApiMethods[M]> };
}
