/**
 * Argument validators for every ApiMethods call. The host (Electron ipcMain and
 * `netwright serve`) runs validateCall before a service sees anything, so a
 * buggy or hostile renderer gets a clear `invalid-arguments` error and the host
 * never acts on a malformed payload.
 */
import { validateDocument } from '../document/parse.ts';
import { datasetRef, type GraphDoc } from '../document/schema.ts';
import * as v from '../document/validate.ts';
import type { ApiMethodName, ApiMethods } from './api.ts';
import { BACKEND_LADDER, MAX_STEPS_PER_SECOND, MIN_STEPS_PER_SECOND, PROBE_CANDIDATES, type Tuning } from './trainer.ts';
import type { StartSearchRequest } from './search-api.ts';
import type { StartTrainingRequest } from './training-api.ts';

/** Long enough for any real path, short enough that nobody ships megabytes through a path field. */
const MAX_PATH = 4096;
/** A dropped project file; the largest documents the schema allows are a few megabytes. */
export const MAX_PROJECT_TEXT = 32 * 1024 * 1024;

/**
 * Run ids name folders under the host's config dir, so they are short and
 * made of safe characters only: no separators, no dots, nothing that could
 * climb out of the runs folder.
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** predict(): rows per call, and values per call (256 rows of a 64×64 RGB image). */
export const MAX_PREDICT_ROWS = 256;
export const MAX_PREDICT_VALUES = 256 * 64 * 64 * 3;

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

function runId(): v.Validator<string> {
  const base = v.string({ minLength: 1, maxLength: 64 });
  return {
    schema: { ...base.schema, pattern: RUN_ID_PATTERN.source },
    check(value, at, issues) {
      const s = base.check(value, at, issues);
      if (s === undefined) return undefined;
      if (!RUN_ID_PATTERN.test(s)) {
        issues.push({ path: at, message: `expected a run id (letters, digits, - and _), got ${v.describe(s)}` });
        return undefined;
      }
      return s;
    },
  };
}

const startRequestArg: v.Validator<StartTrainingRequest> = v.object({
  doc: graphDocArg,
  projectPath: v.nullable(path()),
  backend: v.optional(v.oneOf(['auto', ...BACKEND_LADDER] as const)),
  epochs: v.optional(v.number({ min: 1, max: 100_000, integer: true })),
  stepsPerSecond: v.optional(v.nullable(stepsPerSecondArg())),
});

/** A held pace in steps per second; null is full speed. */
function stepsPerSecondArg(): v.Validator<number> {
  return v.number({ min: MIN_STEPS_PER_SECOND, max: MAX_STEPS_PER_SECOND });
}

/** The same ranges the trainer accepts (tuning.ts): a learning rate above 0, L1/L2 rates from 0, all at most 10. */
const tuningArg: v.Validator<Tuning> = v.object({
  learningRate: v.optional(v.number({ min: 0, max: 10, exclusiveMin: true })),
  l1: v.optional(v.number({ min: 0, max: 10 })),
  l2: v.optional(v.number({ min: 0, max: 10 })),
});

const startSearchArg: v.Validator<StartSearchRequest> = v.object({
  doc: graphDocArg,
  projectPath: v.nullable(path()),
  backend: v.optional(v.oneOf(['auto', ...BACKEND_LADDER] as const)),
  maxTrials: v.optional(v.number({ min: 1, max: 1_000, integer: true })),
});

/** Rows of finite numbers, bounded in count and in total size, checked without building an issue per value. */
const predictInputsArg: v.Validator<readonly (readonly number[])[]> = {
  schema: { type: 'array', maxItems: MAX_PREDICT_ROWS, items: { type: 'array', items: { type: 'number' } } },
  check(value, at, issues) {
    if (!Array.isArray(value)) return void issues.push({ path: at, message: `expected a list of input rows, got ${v.describe(value)}` });
    if (value.length < 1 || value.length > MAX_PREDICT_ROWS) return void issues.push({ path: at, message: `expected 1 to ${MAX_PREDICT_ROWS} rows, got ${value.length}` });
    let total = 0;
    for (let r = 0; r < value.length; r++) {
      const row: unknown = value[r];
      if (!Array.isArray(row)) return void issues.push({ path: `${at}[${r}]`, message: `expected a list of numbers, got ${v.describe(row)}` });
      total += row.length;
      if (total > MAX_PREDICT_VALUES) return void issues.push({ path: at, message: `expected at most ${MAX_PREDICT_VALUES.toLocaleString('en-US')} values in all; send fewer rows` });
      for (let i = 0; i < row.length; i++) {
        const x: unknown = row[i];
        if (typeof x !== 'number' || !Number.isFinite(x)) return void issues.push({ path: `${at}[${r}][${i}]`, message: `expected a finite number, got ${v.describe(x)}` });
      }
    }
    return value as readonly (readonly number[])[];
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
    ['kind', v.oneOf(['project', 'typescript', 'trained-model'] as const)],
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
  previewDataset: [
    ['ref', datasetRef],
    ['projectPath', v.nullable(path())],
  ],
  startTraining: [['request', startRequestArg]],
  pauseTraining: [['runId', runId()]],
  resumeTraining: [['runId', runId()]],
  setTrainingSpeed: [
    ['runId', runId()],
    ['stepsPerSecond', v.nullable(stepsPerSecondArg())],
  ],
  stepTraining: [['runId', runId()]],
  tuneTraining: [
    ['runId', runId()],
    ['tuning', tuningArg],
  ],
  probeTraining: [
    ['runId', runId()],
    ['sample', v.number({ min: 0, max: PROBE_CANDIDATES - 1, integer: true })],
  ],
  stopTraining: [['runId', runId()]],
  listRuns: [],
  getRun: [['runId', runId()]],
  deleteRun: [['runId', runId()]],
  predict: [
    ['runId', runId()],
    ['inputs', predictInputsArg],
  ],
  exportTrainedModel: [
    ['runId', runId()],
    ['dir', path()],
  ],
  startSearch: [['request', startSearchArg]],
  pauseSearch: [['searchId', runId()]],
  resumeSearch: [['searchId', runId()]],
  stopSearch: [['searchId', runId()]],
  listSearches: [],
  getSearch: [['searchId', runId()]],
  deleteSearch: [['searchId', runId()]],
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
