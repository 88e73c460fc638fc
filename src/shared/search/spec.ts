/**
 * A hyperparameter search, as the project file stores it: which values to
 * try for layer parameters, training settings and the number of times a
 * chain of layers repeats, how to pick configurations (every combination, or
 * a seeded random draw), how to validate each one (a hold-out or k folds)
 * and which figure ranks them. The search is part of the project, so it is
 * saved, undone and checked like the graph (checkSearch in check.ts).
 */
import { MAX_ID_LENGTH, MAX_PARAM_NAME_LENGTH, MAX_PARAM_TEXT_LENGTH } from '../document/limits.ts';
import * as v from '../document/validate.ts';

/** Training settings a search can vary; the rest stay as the project sets them. */
export const SEARCHED_SETTINGS = ['learningRate', 'batchSize', 'optimizer', 'epochs'] as const;
export type SearchedSetting = (typeof SEARCHED_SETTINGS)[number];

/** Figures a search can rank by: the last (or, with restored best weights, the best) epoch's value. */
export const RANK_FIGURES = ['val_loss', 'val_acc', 'loss', 'acc'] as const;
export type RankFigure = (typeof RANK_FIGURES)[number];

/** Configurations one search may run; each may train k times. */
export const MAX_TRIALS = 1_000;
/** Values a list may hold, and dimensions a search may vary. */
export const MAX_VALUES = 100;
export const MAX_DIMENSIONS = 16;
/** How many times a chain may repeat. */
export const MAX_REPEATS = 16;

const nodeIds = v.array(v.string({ minLength: 1, maxLength: MAX_ID_LENGTH }), { minItems: 1, maxItems: 64 });

const searchTarget = v.doc(
  v.tagged('kind', {
    layer: v.doc(
      v.object({
        kind: v.literal('layer'),
        nodes: v.doc(nodeIds, 'The layers that take the value, all the same (e.g. every hidden Dense layer). Copies made by a repeat take it too.'),
        param: v.doc(v.string({ minLength: 1, maxLength: MAX_PARAM_NAME_LENGTH }), 'The parameter, e.g. "units" or "rate".'),
      }),
      'A parameter of one or more layers.',
    ),
    training: v.doc(
      v.object({ kind: v.literal('training'), setting: v.doc(v.oneOf(SEARCHED_SETTINGS), 'The training setting.') }),
      'A training setting.',
    ),
    repeat: v.doc(
      v.object({
        kind: v.literal('repeat'),
        nodes: v.doc(nodeIds, 'A chain of layers, in order, each feeding the next; the chain is repeated in series (0 removes it).'),
      }),
      'How many times a chain of layers occurs, e.g. the number of hidden layers.',
    ),
  }),
  'What a dimension varies; the field `kind` picks the variant.',
);
export type SearchTarget = v.Infer<typeof searchTarget>;

const listItem = v.anyOf(v.number(), v.anyOf(v.string({ maxLength: MAX_PARAM_TEXT_LENGTH }), v.boolean(), 'a string or a boolean'), 'a number, a string or a boolean');
export type SearchValue = v.Infer<typeof listItem>;

const searchValues = v.doc(
  v.tagged('kind', {
    list: v.doc(
      v.object({ kind: v.literal('list'), items: v.doc(v.array(listItem, { minItems: 1, maxItems: MAX_VALUES }), 'The values, in the order a grid tries them.') }),
      'Exactly these values (a grid tries each; a random search draws among them).',
    ),
    uniform: v.doc(
      v.object({ kind: v.literal('uniform'), min: v.doc(v.number(), 'The smallest value.'), max: v.doc(v.number(), 'The largest value (never drawn exactly).') }),
      'Any number between min and max, each equally likely (random search only).',
    ),
    logUniform: v.doc(
      v.object({
        kind: v.literal('logUniform'),
        min: v.doc(v.number({ min: 0, exclusiveMin: true }), 'The smallest value, above 0.'),
        max: v.doc(v.number({ min: 0, exclusiveMin: true }), 'The largest value (never drawn exactly).'),
      }),
      'A number between min and max whose logarithm is uniform: as many draws between 0.001 and 0.01 as between 0.01 and 0.1 (random search only).',
    ),
    int: v.doc(
      v.object({ kind: v.literal('int'), min: v.doc(v.number({ integer: true }), 'The smallest whole number.'), max: v.doc(v.number({ integer: true }), 'The largest whole number.') }),
      'A whole number from min to max, both included (random search only).',
    ),
  }),
  'The values a dimension takes; the field `kind` picks the variant.',
);
export type SearchValues = v.Infer<typeof searchValues>;

export const searchDimension = v.doc(
  v.object({
    id: v.doc(v.string({ minLength: 1, maxLength: MAX_ID_LENGTH }), 'Stable id, unique in the search; trial records refer to it.'),
    target: searchTarget,
    values: searchValues,
  }),
  'One thing the search varies.',
);
export type SearchDimension = v.Infer<typeof searchDimension>;

export const searchSpec = v.doc(
  v.object({
    method: v.doc(v.oneOf(['grid', 'random'] as const), 'grid tries every combination of the lists; random draws `trials` configurations.'),
    trials: v.doc(v.number({ min: 1, max: MAX_TRIALS, integer: true }), 'Random: configurations drawn. Grid: the most it may run (a larger grid is an error).'),
    seed: v.doc(v.number({ integer: true }), 'Seeds the random draws and the folds, so the search can be repeated.'),
    rankBy: v.doc(v.oneOf(RANK_FIGURES), 'The figure configurations are ranked by (lower loss, higher accuracy first).'),
    validation: v.doc(
      v.tagged('kind', {
        holdout: v.doc(v.object({ kind: v.literal('holdout') }), "The training settings' validation split."),
        kfold: v.doc(
          v.object({ kind: v.literal('kfold'), folds: v.doc(v.number({ min: 2, max: 10, integer: true }), 'k: each configuration trains k times, each time validating on another k-th of the data.') }),
          'k-fold cross-validation: scores are the mean and standard deviation over the folds.',
        ),
      }),
      'How each configuration is scored.',
    ),
    dimensions: v.doc(v.array(searchDimension, { maxItems: MAX_DIMENSIONS }), 'What the search varies.'),
  }),
  'A hyperparameter search over this project.',
);
export type SearchSpec = v.Infer<typeof searchSpec>;

/** A new search: a grid with nothing to vary yet, validated on the hold-out. */
export function emptySearch(seed = 1): SearchSpec {
  return { method: 'grid', trials: 50, seed, rankBy: 'val_loss', validation: { kind: 'holdout' }, dimensions: [] };
}

/** Whether a lower value of the figure is better. */
export function lowerIsBetter(figure: RankFigure): boolean {
  return figure === 'val_loss' || figure === 'loss';
}
