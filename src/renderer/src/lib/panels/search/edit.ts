/**
 * Editing a search from the Search tab: each function takes the project's
 * SearchSpec and returns the next one, which the tab commits as one undo
 * step. Also what the tab needs to offer a new dimension (the parameters of
 * the selected layers, the selected chain in graph order) and to read a list
 * of values typed as text ("16, 32, 64", "relu, tanh").
 */
import { getLayerDef } from '../../../../../shared/catalog/index.ts';
import { MAX_ID_LENGTH } from '../../../../../shared/document/limits.ts';
import { OPTIMIZERS, type GraphDoc } from '../../../../../shared/document/index.ts';
import { chainProblem } from '../../../../../shared/search/check.ts';
import {
  MAX_DIMENSIONS,
  MAX_REPEATS,
  MAX_VALUES,
  type SearchDimension,
  type SearchSpec,
  type SearchTarget,
  type SearchValue,
  type SearchValues,
  type SearchedSetting,
} from '../../../../../shared/search/spec.ts';

/** What the values of a dimension are: how a typed list is read and which ranges make sense. */
export type ValueType =
  | { readonly kind: 'int'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'float'; readonly min?: number; readonly max?: number; readonly positive?: boolean }
  | { readonly kind: 'enum'; readonly options: readonly string[] }
  | { readonly kind: 'bool' };

/** Words for the training settings a search can vary, as the tab and the undo menu say them. */
export const SETTING_WORDS: Readonly<Record<SearchedSetting, string>> = {
  learningRate: 'learning rate',
  batchSize: 'batch size',
  optimizer: 'optimizer',
  epochs: 'epochs',
};

/** The column name a new dimension gets (the user may rename it). */
const SETTING_IDS: Readonly<Record<SearchedSetting, string>> = {
  learningRate: 'lr',
  batchSize: 'batch_size',
  optimizer: 'optimizer',
  epochs: 'epochs',
};

const SETTING_TYPES: Readonly<Record<SearchedSetting, ValueType>> = {
  learningRate: { kind: 'float', min: 0, max: 10, positive: true },
  batchSize: { kind: 'int', min: 1 },
  optimizer: { kind: 'enum', options: OPTIMIZERS },
  epochs: { kind: 'int', min: 1 },
};

/** The type of a dimension's values, or null for a layer parameter that a search cannot vary (a missing layer, a list such as a kernel size). */
export function valueType(doc: GraphDoc, target: SearchTarget): ValueType | null {
  switch (target.kind) {
    case 'training':
      return SETTING_TYPES[target.setting];
    case 'repeat':
      return { kind: 'int', min: 0, max: MAX_REPEATS };
    case 'layer': {
      const node = doc.nodes.find((n) => n.id === target.nodes[0]);
      const spec = node ? getLayerDef(node.kind)?.params[target.param] : undefined;
      if (!spec) return null;
      switch (spec.type) {
        case 'int':
          return { kind: 'int', min: spec.min, max: spec.max };
        case 'float':
          return { kind: 'float', min: spec.min, max: spec.max };
        case 'enum':
          return { kind: 'enum', options: spec.options };
        case 'bool':
          return { kind: 'bool' };
        case 'ints':
        case 'floats':
          return null;
        default:
          throw new Error(`unknown param type ${JSON.stringify(spec satisfies never)}`);
      }
    }
    default:
      throw new Error(`unknown target ${JSON.stringify(target satisfies never)}`);
  }
}

/** Whether values of this type can be a range (random search draws numbers). */
export function isNumeric(type: ValueType | null): boolean {
  return type?.kind === 'int' || type?.kind === 'float';
}

export type ParsedList = { readonly ok: true; readonly items: readonly SearchValue[] } | { readonly ok: false; readonly message: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A typed list of values: items separated by commas (or spaces), numbers in
 * any usual notation (1e-3), names matched without regard to case. Range
 * limits are left to checkSearch, which names the layer that refuses a value.
 *
 * @example parseValueList('16, 32 64', { kind: 'int', min: 1 }) // { ok: true, items: [16, 32, 64] }
 */
export function parseValueList(text: string, type: ValueType): ParsedList {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (!parts.length) return { ok: false, message: `Type at least one value, e.g. ${example(type)}` };
  if (parts.length > MAX_VALUES) return { ok: false, message: `A dimension takes at most ${MAX_VALUES} values; this list has ${parts.length}` };
  const items: SearchValue[] = [];
  for (const part of parts) {
    const item = parseItem(part, type);
    if (typeof item === 'object') return { ok: false, message: item.message };
    if (items.includes(item)) return { ok: false, message: `${part} is in the list twice: each value once` };
    items.push(item);
  }
  return { ok: true, items };
}

function parseItem(part: string, type: ValueType): SearchValue | { message: string } {
  switch (type.kind) {
    case 'int':
    case 'float': {
      if (!NUMBER.test(part)) return { message: `“${part}” is not a number: write numbers such as ${example(type)}` };
      const n = Number(part);
      if (type.kind === 'int' && !Number.isInteger(n)) return { message: `${part} is not a whole number: write whole numbers such as ${example(type)}` };
      return n;
    }
    case 'enum': {
      const found = type.options.find((o) => o.toLowerCase() === part.toLowerCase());
      return found ?? { message: `“${part}” is not one of ${type.options.join(', ')}` };
    }
    case 'bool':
      if (/^(true|yes|on)$/i.test(part)) return true;
      if (/^(false|no|off)$/i.test(part)) return false;
      return { message: `“${part}” is neither true nor false` };
    default:
      throw new Error(`unknown value type ${JSON.stringify(type satisfies never)}`);
  }
}

function example(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return type.max !== undefined && type.max <= 16 ? '0, 1, 2' : '16, 32, 64';
    case 'float':
      return type.positive ? '0.001, 0.01, 0.1' : '0.1, 0.3, 0.5';
    case 'enum':
      return type.options.slice(0, 2).join(', ');
    case 'bool':
      return 'true, false';
  }
}

/** A list as the text field shows it; numbers exactly as stored, so editing one keeps the others. */
export function formatValueList(items: readonly SearchValue[]): string {
  return items.map(String).join(', ');
}

/** Human words for what a dimension varies: "units of dense_1", "learning rate", "repeat dense_1 → dropout_1". */
export function dimensionTitle(doc: GraphDoc, target: SearchTarget): string {
  const name = (id: string) => doc.nodes.find((n) => n.id === id)?.name ?? id;
  switch (target.kind) {
    case 'layer':
      return `${target.param} of ${target.nodes.map(name).join(', ')}`;
    case 'training':
      return SETTING_WORDS[target.setting];
    case 'repeat':
      return `repeats of ${target.nodes.map(name).join(' → ')}`;
    default:
      throw new Error(`unknown target ${JSON.stringify(target satisfies never)}`);
  }
}

/** A column name for a new dimension that no other dimension has: "units", "lr", "dense_1_repeats", then "units_2". */
export function newDimensionId(spec: SearchSpec, doc: GraphDoc, target: SearchTarget): string {
  const base =
    target.kind === 'layer'
      ? target.param
      : target.kind === 'training'
        ? SETTING_IDS[target.setting]
        : `${doc.nodes.find((n) => n.id === target.nodes[0])?.name ?? target.nodes[0]}_repeats`;
  const taken = new Set(spec.dimensions.map((d) => d.id));
  const trimmed = base.slice(0, MAX_ID_LENGTH);
  if (!taken.has(trimmed)) return trimmed;
  for (let i = 2; ; i++) {
    const id = `${base.slice(0, MAX_ID_LENGTH - String(i).length - 1)}_${i}`;
    if (!taken.has(id)) return id;
  }
}

/** Why a dimension cannot be added as it stands, or null. */
export function addProblem(spec: SearchSpec, target: SearchTarget): string | null {
  if (spec.dimensions.length >= MAX_DIMENSIONS) return `A search varies at most ${MAX_DIMENSIONS} things; remove one first`;
  const same = spec.dimensions.find((d) => sameTarget(d.target, target));
  return same ? `The search varies this already (column ${same.id})` : null;
}

function sameTarget(a: SearchTarget, b: SearchTarget): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'training') return a.setting === (b as typeof a).setting;
  if (a.kind === 'layer' && a.param !== (b as typeof a).param) return false;
  const other = (b as Exclude<SearchTarget, { kind: 'training' }>).nodes;
  return a.nodes.length === other.length && a.nodes.every((id) => other.includes(id));
}

export function addDimension(spec: SearchSpec, dimension: SearchDimension): SearchSpec {
  return { ...spec, dimensions: [...spec.dimensions, dimension] };
}

export function removeDimension(spec: SearchSpec, id: string): SearchSpec {
  return { ...spec, dimensions: spec.dimensions.filter((d) => d.id !== id) };
}

export function withValues(spec: SearchSpec, id: string, values: SearchValues): SearchSpec {
  return { ...spec, dimensions: spec.dimensions.map((d) => (d.id === id ? { ...d, values } : d)) };
}

export type Renamed = { readonly ok: true; readonly spec: SearchSpec } | { readonly ok: false; readonly message: string };

/** A dimension's column name changed; names are unique and not empty. */
export function renameDimension(spec: SearchSpec, id: string, name: string): Renamed {
  const next = name.trim();
  if (!next) return { ok: false, message: 'A column needs a name, e.g. n_neurons' };
  if (next.length > MAX_ID_LENGTH) return { ok: false, message: `At most ${MAX_ID_LENGTH} characters` };
  if (next !== id && spec.dimensions.some((d) => d.id === next)) return { ok: false, message: `Another column is named ${next}` };
  return { ok: true, spec: { ...spec, dimensions: spec.dimensions.map((d) => (d.id === id ? { ...d, id: next } : d)) } };
}

export type ValuesKind = SearchValues['kind'];

/**
 * The values in another form, keeping what they said: a list becomes the
 * range from its smallest to its largest number (or around its one value),
 * a range becomes the list of its two ends.
 */
export function convertValues(values: SearchValues, kind: ValuesKind, type: ValueType | null): SearchValues {
  if (kind === values.kind) return values;
  if (kind === 'list') {
    if (values.kind === 'list') return values;
    const ends = type?.kind === 'int' || values.kind === 'int' ? [Math.round(values.min), Math.round(values.max)] : [values.min, values.max];
    return { kind: 'list', items: [...new Set(ends)] };
  }
  const numbers = values.kind === 'list' ? values.items.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)) : [values.min, values.max];
  let lo = numbers.length ? Math.min(...numbers) : 1;
  let hi = numbers.length ? Math.max(...numbers) : 1;
  if (!(lo < hi)) {
    // One value: a range around it that the type allows.
    const v = lo;
    [lo, hi] = kind === 'int' ? [Math.max(0, Math.floor(v / 2)), Math.max(1, v * 2)] : v > 0 ? [v / 10, v * 10] : [0, 1];
  }
  if (type && (type.kind === 'int' || type.kind === 'float')) {
    if (type.min !== undefined) lo = Math.max(lo, type.min);
    if (type.max !== undefined) hi = Math.min(hi, type.max);
  }
  switch (kind) {
    case 'int':
      return { kind, min: Math.ceil(lo), max: Math.floor(hi) };
    case 'logUniform':
      return { kind, min: lo > 0 ? lo : Math.min(1e-4, hi / 1000), max: hi > 0 ? hi : 1 };
    case 'uniform':
      return { kind, min: lo, max: hi };
  }
}

/** "6 configurations × 3 folds = 18 runs"; "1 configuration, one run". */
export function runCount(spec: Pick<SearchSpec, 'validation'>, configurations: number): string {
  const c = `${configurations} configuration${configurations === 1 ? '' : 's'}`;
  if (spec.validation.kind !== 'kfold') return configurations === 1 ? `${c}, one run` : `${c}, one run each`;
  const runs = configurations * spec.validation.folds;
  return `${c} × ${spec.validation.folds} folds = ${runs} run${runs === 1 ? '' : 's'}`;
}

/** A parameter the selected layers share that a search can vary. */
export interface ParamChoice {
  readonly name: string;
  readonly label: string;
  readonly type: ValueType;
}

export type LayerChoice =
  | { readonly ok: true; readonly kind: string; readonly nodes: readonly string[]; readonly params: readonly ParamChoice[] }
  | { readonly ok: false; readonly message: string };

/**
 * What a "layer parameter" dimension can vary for the selection: the number
 * and option parameters of the selected layers, which must all be of one kind
 * (several layers then take the same value, like the course's n_neurons for
 * every hidden layer). `order` is the analysis' topological order, so that
 * the layers are listed as they come in the graph.
 */
export function layerChoice(doc: GraphDoc, order: readonly string[], selected: readonly string[]): LayerChoice {
  const nodes = sortByGraph(order, selected)
    .map((id) => doc.nodes.find((n) => n.id === id))
    .filter((n) => n !== undefined);
  if (!nodes.length) return { ok: false, message: 'Select a layer on the canvas (or several of one kind) to vary one of its parameters.' };
  const kinds = [...new Set(nodes.map((n) => n.kind))];
  if (kinds.length > 1) return { ok: false, message: `The selected layers are of different kinds (${kinds.join(', ')}): select layers of one kind, which then take the same value.` };
  const def = getLayerDef(kinds[0]);
  const params: ParamChoice[] = [];
  for (const [name, spec] of Object.entries(def?.params ?? {})) {
    const type = valueType(doc, { kind: 'layer', nodes: [nodes[0].id], param: name });
    if (type) params.push({ name, label: spec.label, type });
  }
  if (!params.length) return { ok: false, message: `${kinds[0]} has no parameter a search can vary (numbers, options and switches can be varied).` };
  return { ok: true, kind: kinds[0], nodes: nodes.map((n) => n.id), params };
}

export type ChainChoice = { readonly ok: true; readonly nodes: readonly string[] } | { readonly ok: false; readonly message: string };

/** The selected layers as a chain to repeat, in graph order, or why they are not one. */
export function chainChoice(doc: GraphDoc, order: readonly string[], selected: readonly string[]): ChainChoice {
  if (!selected.length) return { ok: false, message: 'Select the layers to repeat on the canvas: one layer, or a chain where each feeds the next (e.g. Dense → Dropout).' };
  const nodes = sortByGraph(order, selected);
  const problem = chainProblem(doc, nodes);
  return problem ? { ok: false, message: `The selection cannot repeat: ${problem}.` } : { ok: true, nodes };
}

/** Ids in the order the graph runs them; ids on a cycle (not in `order`) last. */
function sortByGraph(order: readonly string[], ids: readonly string[]): string[] {
  const at = new Map(order.map((id, i) => [id, i]));
  return [...ids].sort((a, b) => (at.get(a) ?? Infinity) - (at.get(b) ?? Infinity));
}

/** The value a new dimension starts from: what the graph or the settings hold now. */
export function currentValue(doc: GraphDoc, target: SearchTarget): SearchValue | null {
  switch (target.kind) {
    case 'training':
      return doc.training[target.setting];
    case 'repeat':
      return 1;
    case 'layer': {
      const node = doc.nodes.find((n) => n.id === target.nodes[0]);
      const spec = node ? getLayerDef(node.kind)?.params[target.param] : undefined;
      const value = node?.params[target.param] ?? spec?.default;
      return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null;
    }
    default:
      throw new Error(`unknown target ${JSON.stringify(target satisfies never)}`);
  }
}
