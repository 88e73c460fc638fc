import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../../../../shared/templates/index.ts';
import { NEW_GENERATED, chooseTarget, projectRelative, setField, toggleFeature, toggleIgnored, withDataset, type CsvRef } from './dataset-edit.ts';
import { fieldInfo, kindDoc, refProblem } from './dataset-schema.ts';

const csv: CsvRef = { kind: 'csv', path: 'data/iris.csv', target: 'species', scaling: 'standard', task: 'classification', testRatio: 0.2 };

describe('dataset edits', () => {
  it('keeps derived features in the schema order and drops the field when none is left', () => {
    let ref = toggleFeature(NEW_GENERATED, 'x1x2', true);
    ref = toggleFeature(ref, 'x1sq', true);
    expect(ref.features).toEqual(['x1sq', 'x1x2']);
    ref = toggleFeature(toggleFeature(ref, 'x1sq', false), 'x1x2', false);
    expect('features' in ref).toBe(false);
    expect(ref).toEqual(NEW_GENERATED);
  });

  it('never ignores the target column, and choosing a target takes it off the ignored list', () => {
    expect(toggleIgnored(csv, 'species', true)).toEqual(csv);
    const ignoring = toggleIgnored(toggleIgnored(csv, 'id', true), 'petal', true);
    expect(ignoring.ignore).toEqual(['id', 'petal']);
    expect(chooseTarget(ignoring, 'petal')).toEqual({ ...csv, target: 'petal', ignore: ['id'] });
    expect('ignore' in toggleIgnored(toggleIgnored(ignoring, 'id', false), 'petal', false)).toBe(false);
  });

  it('removes an optional field set to undefined and returns the same document when nothing changed', () => {
    const ref = setField({ kind: 'builtin', name: 'mnist', trainSubset: 500 }, 'trainSubset', undefined);
    expect(ref).toEqual({ kind: 'builtin', name: 'mnist' });
    const doc = getTemplate('xor-mlp')!.build();
    expect(withDataset(doc, { ...(doc.dataset as object) } as typeof doc.dataset)).toBe(doc);
    expect(withDataset(doc, null).dataset).toBeNull();
  });

  it('stores paths inside the project folder relative to it', () => {
    expect(projectRelative('/home/ann/proj/data/iris.csv', '/home/ann/proj/net.nwproj.json')).toBe('data/iris.csv');
    expect(projectRelative('/home/ann/other/iris.csv', '/home/ann/proj/net.nwproj.json')).toBe('/home/ann/other/iris.csv');
    expect(projectRelative('/home/ann/project2/a.csv', '/home/ann/project/net.nwproj.json')).toBe('/home/ann/project2/a.csv');
    expect(projectRelative('C:\\work\\digits', 'C:\\work\\net.nwproj.json')).toBe('digits');
    expect(projectRelative('/tmp/a.csv', null)).toBe('/tmp/a.csv');
  });
});

describe('dataset schema for the form', () => {
  it('reads help texts and limits from the document schema', () => {
    expect(fieldInfo('generated', 'noise')).toEqual({ doc: expect.stringContaining('standard deviation'), min: 0, max: 1, integer: false, optional: false });
    expect(fieldInfo('generated', 'samples')).toMatchObject({ min: 4, max: 1_000_000, integer: true });
    expect(fieldInfo('builtin', 'trainSubset')).toMatchObject({ optional: true, integer: true, min: 1 });
    expect(fieldInfo('csv', 'testRatio').doc).toBe('Share of the samples held out as the test set.');
    expect(kindDoc('images')).toBe('A folder of pictures sorted into one sub-folder per class.');
  });

  it('names the field of a value the schema refuses', () => {
    expect(refProblem({ ...NEW_GENERATED, noise: 2 })).toBe('noise: expected a number from 0 to 1, got 2');
    expect(refProblem({ ...csv, target: '' })).toBe('target: expected a non-empty string, got ""');
    expect(refProblem(csv)).toBeNull();
  });
});
