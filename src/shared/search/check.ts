/**
 * What is wrong with a search before anything trains: a layer or parameter
 * that does not exist, a value the layer refuses, a range on a grid, a grid
 * over its budget, a chain that is not a chain, folds that need more rows
 * than there are. Then every trial's graph is analysed as it would train, and
 * a trial whose structure breaks (a repeat that removes the only layer before
 * a Flatten, units that make a Reshape impossible) is reported, not run.
 */
import { analyze } from '../analysis/analyze.ts';
import { getLayerDef } from '../catalog/index.ts';
import { checkParam } from '../catalog/params.ts';
import type { GraphDoc, ParamValue } from '../document/schema.ts';
import { trainingSettings } from '../document/schema.ts';
import type { Issue } from '../document/validate.ts';
import { applyTrial } from './apply.ts';
import { expandTrials, formatValue, gridSize, type Trial } from './expand.ts';
import { MAX_REPEATS, type SearchDimension, type SearchSpec, type SearchValue } from './spec.ts';

export interface SearchProblem {
  readonly severity: 'error' | 'warning';
  /** The dimension at fault, when one is. */
  readonly dimensionId?: string;
  /** The trial whose graph breaks, for structure problems. */
  readonly trial?: number;
  readonly message: string;
}

/** Trials reported one by one when many break; the rest are counted. */
const TRIALS_NAMED = 5;

export interface SearchCheck {
  readonly problems: readonly SearchProblem[];
  /** The trials that can run: none while the search itself has an error. */
  readonly runnable: readonly Trial[];
  /** Trials whose graph does not analyse cleanly, with the first error of each. */
  readonly broken: ReadonlyMap<number, string>;
}

export function checkSearch(doc: GraphDoc, spec: SearchSpec): SearchCheck {
  const problems: SearchProblem[] = [];
  const seen = new Set<string>();
  for (const d of spec.dimensions) {
    if (seen.has(d.id)) problems.push({ severity: 'error', dimensionId: d.id, message: `Two dimensions share the id ${JSON.stringify(d.id)}: give each its own` });
    seen.add(d.id);
    for (const message of dimensionProblems(doc, d, spec.method)) problems.push({ severity: 'error', dimensionId: d.id, message: `${dimensionLabel(doc, d)}: ${message}` });
  }
  if (spec.dimensions.length === 0) problems.push({ severity: 'warning', message: 'The search varies nothing yet: add a layer parameter, a training setting or a repeat to vary' });
  if (spec.method === 'grid') {
    const size = gridSize(spec.dimensions);
    if (size !== null && size > spec.trials) {
      problems.push({ severity: 'error', message: `The grid has ${size} combinations but the budget is ${spec.trials} trials: raise the budget, remove values, or switch to random search` });
    }
  }
  if (spec.validation.kind === 'holdout' && spec.rankBy.startsWith('val_') && doc.training.validationSplit <= 0) {
    problems.push({ severity: 'error', message: `Ranking by ${spec.rankBy} needs validation data: set a validation split in the training settings, or use k-fold cross-validation` });
  }
  if (spec.rankBy.endsWith('acc') && !doc.training.metrics.includes('accuracy')) {
    problems.push({ severity: 'error', message: `Ranking by ${spec.rankBy} needs the accuracy metric: add it in the training settings, or rank by a loss` });
  }

  const broken = new Map<number, string>();
  if (problems.some((p) => p.severity === 'error')) return { problems, runnable: [], broken };
  const trials = expandTrials(spec);
  for (const trial of trials) {
    const error = analyze(applyTrial(doc, spec, trial)).diagnostics.find((d) => d.severity === 'error');
    if (error) broken.set(trial.index, error.message);
  }
  let named = 0;
  for (const [index, message] of broken) {
    if (named++ === TRIALS_NAMED) {
      problems.push({ severity: 'warning', message: `…and ${broken.size - TRIALS_NAMED} more trials that cannot be built` });
      break;
    }
    problems.push({ severity: 'warning', trial: index, message: `Trial ${index + 1} (${describeTrial(spec.dimensions, trials[index])}) cannot be built and will be skipped: ${message}` });
  }
  if (broken.size === trials.length && trials.length > 0) problems.push({ severity: 'error', message: 'No trial of this search can be built: see the problems above' });
  return { problems, runnable: trials.filter((t) => !broken.has(t.index)), broken };
}

/** "units = 64, learningRate = 0.01" in dimension order. */
export function describeTrial(dimensions: readonly SearchDimension[], trial: Trial): string {
  return dimensions.map((d) => `${d.id} = ${formatValue(trial.values[d.id])}`).join(', ') || 'as the project is';
}

/** What a dimension is about, as messages name it: "Dense dense_2 units", "training learningRate", "repeat of dense_2 → dropout_1". */
export function dimensionLabel(doc: GraphDoc, d: SearchDimension): string {
  const name = (id: string) => doc.nodes.find((n) => n.id === id)?.name ?? id;
  switch (d.target.kind) {
    case 'layer':
      return `${d.target.param} of ${d.target.nodes.map(name).join(', ')}`;
    case 'training':
      return `training ${d.target.setting}`;
    case 'repeat':
      return `repeat of ${d.target.nodes.map(name).join(' → ')}`;
  }
}

function dimensionProblems(doc: GraphDoc, d: SearchDimension, method: SearchSpec['method']): string[] {
  const values = d.values;
  if (method === 'grid' && values.kind !== 'list') return [`a grid tries lists of values, but this is a ${values.kind} range: give a list, or switch to random search`];
  if (values.kind !== 'list' && !(values.min < values.max)) return [`the range's min (${values.min}) must be below its max (${values.max})`];
  const out: string[] = [];
  const target = d.target;
  if (target.kind === 'layer') {
    for (const id of target.nodes) {
      const node = doc.nodes.find((n) => n.id === id);
      if (!node) {
        out.push(`there is no layer ${JSON.stringify(id)}`);
        continue;
      }
      const def = getLayerDef(node.kind);
      if (!def) continue; // analysis reports unknown kinds
      if (!Object.hasOwn(def.params, target.param)) {
        out.push(`${node.kind} has no parameter ${JSON.stringify(target.param)} (it has: ${Object.keys(def.params).join(', ') || 'none'})`);
        continue;
      }
      const spec = def.params[target.param];
      if (values.kind !== 'list' && spec.type !== 'int' && spec.type !== 'float') {
        out.push(`${target.param} is not a number, so it takes a list of values, not a range`);
        continue;
      }
      if (values.kind !== 'list' && spec.type === 'int' && values.kind !== 'int') {
        out.push(`${target.param} is a whole number: use an integer range`);
        continue;
      }
      for (const value of candidates(values)) {
        const problem = checkParam(spec, value as ParamValue);
        if (problem) {
          out.push(`${node.kind} refuses ${formatValue(value)}: ${problem}`);
          break;
        }
      }
    }
  } else if (target.kind === 'training') {
    for (const value of candidates(values)) {
      const issues: Issue[] = [];
      trainingSettings.check({ ...doc.training, [target.setting]: value }, 'training', issues);
      if (issues.length) {
        out.push(`${formatValue(value)} does not fit: ${issues[0].message}`);
        break;
      }
    }
  } else {
    const chain = chainProblem(doc, target.nodes);
    if (chain) out.push(chain);
    for (const value of candidates(values)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_REPEATS) {
        out.push(`a chain repeats a whole number of times from 0 to ${MAX_REPEATS}, not ${formatValue(value)}`);
        break;
      }
    }
  }
  return out;
}

/** The values to check: a list's items, a range's ends. */
function candidates(values: SearchDimension['values']): SearchValue[] {
  return values.kind === 'list' ? [...values.items] : [values.min, values.max];
}

/** Why `ids` is not a chain that can repeat, or undefined. */
export function chainProblem(doc: GraphDoc, ids: readonly string[]): string | undefined {
  const missing = ids.find((id) => !doc.nodes.some((n) => n.id === id));
  if (missing) return `there is no layer ${JSON.stringify(missing)}`;
  if (new Set(ids).size !== ids.length) return 'a layer appears twice in the chain';
  const inChain = new Set(ids);
  const feeding = doc.edges.filter((e) => e.target === ids[0] && !inChain.has(e.source));
  if (feeding.length !== 1) return `the chain's first layer must have exactly one input from outside it (it has ${feeding.length})`;
  for (let i = 1; i < ids.length; i++) {
    const into = doc.edges.filter((e) => e.target === ids[i]);
    if (into.length !== 1 || into[0].source !== ids[i - 1]) return `each layer of the chain must take its only input from the one before it, and ${ids[i]} does not`;
    const out = doc.edges.filter((e) => e.source === ids[i - 1]);
    if (out.length !== 1) return `only the chain's last layer may feed layers outside it, and ${ids[i - 1]} does`;
  }
  if (!doc.edges.some((e) => e.source === ids[ids.length - 1])) return "the chain's last layer must feed another layer";
  return undefined;
}
