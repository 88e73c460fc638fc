import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../../../shared/document/builder.ts';
import type { GraphDoc } from '../../../../../shared/document/index.ts';
import { emptySearch, type SearchSpec } from '../../../../../shared/search/spec.ts';
import { xorMlp } from '../../../../../shared/templates/xor-mlp.ts';
import { analyze } from '../../../../../shared/analysis/index.ts';
import { addDimension, addProblem, chainChoice, convertValues, currentValue, dimensionTitle, layerChoice, newDimensionId, parseValueList, removeDimension, renameDimension, runCount, valueType } from './edit.ts';

/** Input [4] → Dense 16 relu → Dropout → Dense 16 relu → Dense 3 softmax. */
function mlp(): GraphDoc {
  const b = new GraphBuilder('MLP');
  b.sequence(b.add('Input', { shape: [4] }), [
    ['Dense', { units: 16, activation: 'relu' }],
    ['Dropout', { rate: 0.2 }],
    ['Dense', { units: 16, activation: 'relu' }],
    ['Dense', { units: 3, activation: 'softmax' }],
  ]);
  return b.build();
}

const order = (doc: GraphDoc) => analyze(doc).order;

describe('reading typed values', () => {
  it('reads whole numbers separated by commas or spaces, and says which item is wrong', () => {
    const int = { kind: 'int' as const, min: 1 };
    expect(parseValueList('16, 32 64', int)).toEqual({ ok: true, items: [16, 32, 64] });
    expect(parseValueList('16, 2.5', int)).toEqual({ ok: false, message: expect.stringContaining('2.5 is not a whole number') });
    expect(parseValueList('16, ten', int)).toEqual({ ok: false, message: expect.stringContaining('“ten” is not a number') });
    expect(parseValueList(' , ', int)).toEqual({ ok: false, message: expect.stringContaining('at least one value') });
    expect(parseValueList('8, 8', int)).toEqual({ ok: false, message: '8 is in the list twice: each value once' });
  });

  it('reads learning rates in any notation, option names in any case, and switches', () => {
    expect(parseValueList('1e-3, 0.01,.1', { kind: 'float', positive: true })).toEqual({ ok: true, items: [0.001, 0.01, 0.1] });
    expect(parseValueList('Adam, sgd', { kind: 'enum', options: ['sgd', 'adam'] })).toEqual({ ok: true, items: ['adam', 'sgd'] });
    expect(parseValueList('adam, lion', { kind: 'enum', options: ['sgd', 'adam'] })).toEqual({ ok: false, message: '“lion” is not one of sgd, adam' });
    expect(parseValueList('true, no', { kind: 'bool' })).toEqual({ ok: true, items: [true, false] });
  });

  it('knows each target’s type from the catalog and the training settings', () => {
    const doc = mlp();
    expect(valueType(doc, { kind: 'layer', nodes: ['dense_1'], param: 'units' })).toMatchObject({ kind: 'int', min: 1 });
    expect(valueType(doc, { kind: 'layer', nodes: ['dense_1'], param: 'activation' })).toMatchObject({ kind: 'enum' });
    expect(valueType(doc, { kind: 'layer', nodes: ['input_1'], param: 'shape' })).toBeNull();
    expect(valueType(doc, { kind: 'training', setting: 'learningRate' })).toMatchObject({ kind: 'float', positive: true });
    expect(valueType(doc, { kind: 'repeat', nodes: ['dense_1'] })).toEqual({ kind: 'int', min: 0, max: 16 });
  });
});

describe('what a new dimension can vary', () => {
  it('offers the number and option parameters of selected layers of one kind, listed in graph order', () => {
    const doc = mlp();
    const choice = layerChoice(doc, order(doc), ['dense_2', 'dense_1']);
    expect(choice.ok && choice.nodes).toEqual(['dense_1', 'dense_2']);
    expect(choice.ok && choice.params.map((p) => p.name)).toContain('units');
    expect(choice.ok && choice.params.map((p) => p.name)).toContain('activation');
    const mixed = layerChoice(doc, order(doc), ['dense_1', 'dropout_1']);
    expect(mixed).toEqual({ ok: false, message: expect.stringContaining('different kinds (Dense, Dropout)') });
    expect(layerChoice(doc, order(doc), [])).toMatchObject({ ok: false });
  });

  it('takes the selection as a chain in graph order, or says why it is not one', () => {
    const doc = mlp();
    expect(chainChoice(doc, order(doc), ['dropout_1', 'dense_1'])).toEqual({ ok: true, nodes: ['dense_1', 'dropout_1'] });
    const gap = chainChoice(doc, order(doc), ['dense_1', 'dense_2']);
    expect(gap).toEqual({ ok: false, message: expect.stringContaining('cannot repeat') });
  });

  it('names columns after what they vary, without clashes, and refuses varying one thing twice', () => {
    const doc = mlp();
    let spec: SearchSpec = emptySearch();
    const units = { kind: 'layer' as const, nodes: ['dense_1'], param: 'units' };
    expect(newDimensionId(spec, doc, units)).toBe('units');
    spec = addDimension(spec, { id: 'units', target: units, values: { kind: 'list', items: [8] } });
    expect(newDimensionId(spec, doc, { kind: 'layer', nodes: ['dense_2'], param: 'units' })).toBe('units_2');
    expect(newDimensionId(spec, doc, { kind: 'training', setting: 'learningRate' })).toBe('lr');
    expect(newDimensionId(spec, doc, { kind: 'repeat', nodes: ['dense_1', 'dropout_1'] })).toBe('dense_1_repeats');
    expect(addProblem(spec, { kind: 'layer', nodes: ['dense_1'], param: 'units' })).toBe('The search varies this already (column units)');
    expect(addProblem(spec, { kind: 'layer', nodes: ['dense_1'], param: 'activation' })).toBeNull();
    expect(removeDimension(spec, 'units').dimensions).toEqual([]);
  });

  it('renames a column only to a free, non-empty name', () => {
    const spec = addDimension(addDimension(emptySearch(), { id: 'a', target: { kind: 'training', setting: 'epochs' }, values: { kind: 'list', items: [1] } }), {
      id: 'b',
      target: { kind: 'training', setting: 'batchSize' },
      values: { kind: 'list', items: [8] },
    });
    expect(renameDimension(spec, 'a', ' n_epochs ')).toMatchObject({ ok: true, spec: { dimensions: [{ id: 'n_epochs' }, { id: 'b' }] } });
    expect(renameDimension(spec, 'a', 'b')).toEqual({ ok: false, message: 'Another column is named b' });
    expect(renameDimension(spec, 'a', '')).toMatchObject({ ok: false });
  });

  it('starts from the values the graph and settings hold, and titles targets in words', () => {
    const doc = xorMlp.build();
    expect(currentValue(doc, { kind: 'layer', nodes: ['dense_1'], param: 'units' })).toBe(4);
    expect(currentValue(doc, { kind: 'training', setting: 'learningRate' })).toBe(0.05);
    expect(dimensionTitle(doc, { kind: 'layer', nodes: ['dense_1'], param: 'units' })).toBe('units of dense_1');
    expect(dimensionTitle(doc, { kind: 'training', setting: 'batchSize' })).toBe('batch size');
  });
});

describe('values as lists or ranges', () => {
  it('turns a list into the range it spans and a range into its two ends', () => {
    const float = { kind: 'float' as const, min: 0, max: 10, positive: true };
    expect(convertValues({ kind: 'list', items: [0.001, 0.1, 0.01] }, 'logUniform', float)).toEqual({ kind: 'logUniform', min: 0.001, max: 0.1 });
    expect(convertValues({ kind: 'list', items: [0.05] }, 'logUniform', float)).toEqual({ kind: 'logUniform', min: 0.005, max: 0.5 });
    expect(convertValues({ kind: 'list', items: [16] }, 'int', { kind: 'int', min: 1 })).toEqual({ kind: 'int', min: 8, max: 32 });
    expect(convertValues({ kind: 'uniform', min: 0.2, max: 0.5 }, 'list', float)).toEqual({ kind: 'list', items: [0.2, 0.5] });
    expect(convertValues({ kind: 'int', min: 2, max: 9 }, 'list', { kind: 'int' })).toEqual({ kind: 'list', items: [2, 9] });
  });

  it('counts the runs a search will make', () => {
    expect(runCount({ validation: { kind: 'kfold', folds: 3 } }, 6)).toBe('6 configurations × 3 folds = 18 runs');
    expect(runCount({ validation: { kind: 'holdout' } }, 4)).toBe('4 configurations, one run each');
    expect(runCount({ validation: { kind: 'holdout' } }, 1)).toBe('1 configuration, one run');
  });
});
