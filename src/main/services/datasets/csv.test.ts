import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CsvRef } from './csv.ts';
import { DatasetError } from './errors.ts';
import { loadCsv, previewCsv } from './csv.ts';

const dir = mkdtempSync(join(tmpdir(), 'netwright-csv-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function ref(over: Partial<CsvRef> = {}): CsvRef {
  return { kind: 'csv', path: 'unused', target: 'label', scaling: 'none', task: 'classification', testRatio: 0, ...over };
}

async function load(text: string, over: Partial<CsvRef> = {}, seed = 1) {
  return loadCsv(ref(over), { path: file('t.csv', text), seed });
}

async function failure(text: string, over: Partial<CsvRef> = {}): Promise<DatasetError> {
  try {
    await load(text, over);
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return e as DatasetError;
  }
  throw new Error('expected the load to fail');
}

/** 20 rows: x = 0…19, colour cycles red/green/blue, label = x ≥ 10. */
const TABLE = ['x,colour,label', ...Array.from({ length: 20 }, (_, i) => `${i},${['red', 'green', 'blue'][i % 3]},${i >= 10 ? 'big' : 'small'}`)].join('\n');

describe('loading a CSV file', () => {
  it('detects the header, one-hot encodes categories and numbers the classes in sorted order', async () => {
    const d = await load(TABLE);
    expect(d.info).toMatchObject({ task: 'classification', inputShape: [4], numClasses: 2, classNames: ['big', 'small'], targetSize: 1, trainCount: 20, testCount: 0, isImage: false });
    expect(d.info.featureNames).toEqual(['x', 'colour=blue', 'colour=green', 'colour=red']);
    // Row order is shuffled; each row still pairs its own features and label.
    for (let i = 0; i < 20; i++) {
      const [x, blue, green, red] = d.xTrain.subarray(i * 4, i * 4 + 4);
      expect([blue, green, red]).toEqual([x % 3 === 2 ? 1 : 0, x % 3 === 1 ? 1 : 0, x % 3 === 0 ? 1 : 0]);
      expect(d.yTrain[i]).toBe(x >= 10 ? 0 : 1);
    }
    expect(new Set(d.xTrain.filter((_, k) => k % 4 === 0)).size).toBe(20);
  });

  it('reads a file without a header, naming columns by position', async () => {
    const d = await load('1,2,0\n3,4,1\n5,6,1\n', { target: 'column 3' });
    expect(d.info.featureNames).toEqual(['column 1', 'column 2']);
    expect(d.info.classNames).toEqual(['0', '1']);
    expect(d.info.trainCount).toBe(3);
  });

  it('treats the first row of an all-text table as a header only when it looks like one', async () => {
    const withHeader = await previewCsv({ text: 'colour,size\nred,big\nblue,small\n' });
    expect(withHeader.hasHeader).toBe(true);
    const without = await previewCsv({ text: 'red,big\nblue,small\nred,small\n' });
    expect(without.hasHeader).toBe(false);
    expect(without.headers).toEqual(['column 1', 'column 2']);
  });

  it('sorts numeric class labels as numbers', async () => {
    const d = await load('a,label\n1,10\n2,9\n3,2\n4,9.0\n');
    expect(d.info.classNames).toEqual(['2', '9', '10']);
    expect(d.info.numClasses).toBe(3);
  });

  it('regresses a numeric target', async () => {
    const d = await load('x,y\n1,3\n2,5\n3,7\n', { target: 'y', task: 'regression' });
    expect(d.info).toMatchObject({ task: 'regression', numClasses: 0, targetSize: 1 });
    expect(d.info.classNames).toBeUndefined();
    for (let i = 0; i < 3; i++) expect(d.yTrain[i]).toBe(2 * d.xTrain[i] + 1);
  });

  it('splits by the test ratio, the same way for the same seed and differently for another', async () => {
    const text = ['x,label', ...Array.from({ length: 100 }, (_, i) => `${i},${i % 2}`)].join('\n');
    const a = await load(text, { testRatio: 0.25 }, 7);
    const b = await load(text, { testRatio: 0.25 }, 7);
    const c = await load(text, { testRatio: 0.25 }, 8);
    expect([a.info.trainCount, a.info.testCount]).toEqual([75, 25]);
    expect([a.xTrain.length, a.yTrain.length, a.xTest.length, a.yTest.length]).toEqual([75, 75, 25, 25]);
    expect(Array.from(a.xTest)).toEqual(Array.from(b.xTest));
    expect(Array.from(a.xTest)).not.toEqual(Array.from(c.xTest));
    expect(new Set([...a.xTrain, ...a.xTest]).size).toBe(100);
  });

  // The target repeats the raw input, so each row shows what its scaled feature came from.
  const RAW = ['x,y', ...Array.from({ length: 40 }, (_, i) => `${(i * 37) % 101},${(i * 37) % 101}`)].join('\n');

  it('fits min-max scaling on the training rows only and applies it to the test rows', async () => {
    const d = await load(RAW, { target: 'y', task: 'regression', scaling: 'minmax', testRatio: 0.5 });
    const lo = Math.min(...d.yTrain);
    const hi = Math.max(...d.yTrain);
    expect(Math.min(...d.xTrain)).toBe(0);
    expect(Math.max(...d.xTrain)).toBe(1);
    d.yTrain.forEach((raw, i) => expect(d.xTrain[i]).toBeCloseTo((raw - lo) / (hi - lo), 6));
    d.yTest.forEach((raw, i) => expect(d.xTest[i]).toBeCloseTo((raw - lo) / (hi - lo), 6));
  });

  it('standardises to mean 0 and deviation 1 over the training rows', async () => {
    const d = await load(RAW, { target: 'y', task: 'regression', scaling: 'standard', testRatio: 0.25 });
    const train = Array.from(d.yTrain);
    const mean = train.reduce((s, x) => s + x, 0) / train.length;
    const std = Math.sqrt(train.reduce((s, x) => s + (x - mean) ** 2, 0) / train.length);
    const scaled = Array.from(d.xTrain);
    expect(scaled.reduce((s, x) => s + x, 0) / scaled.length).toBeCloseTo(0, 5);
    expect(Math.sqrt(scaled.reduce((s, x) => s + x * x, 0) / scaled.length)).toBeCloseTo(1, 5);
    d.yTest.forEach((raw, i) => expect(d.xTest[i]).toBeCloseTo((raw - mean) / std, 5));
  });

  it('leaves out ignored columns and fills missing numbers with the training mean', async () => {
    const d = await load('id,x,label\n1,2,a\n2,,b\n3,4,a\n', { ignore: ['id'] });
    expect(d.info.featureNames).toEqual(['x']);
    expect(Array.from(d.xTrain).sort()).toEqual([2, 3, 4]);
  });
});

describe('CSV errors', () => {
  it('names the line of a ragged row', async () => {
    const rows = ['a,b,c,d,label', ...Array.from({ length: 20 }, (_, i) => (i === 15 ? '1,2,3,4' : '1,2,3,4,0'))];
    expect((await failure(rows.join('\n'))).message).toBe('t.csv, line 17: expected 5 fields like the header, found 4.');
  });

  it('names line and column of a word in a numeric column', async () => {
    const rows = ['name,age,label', ...Array.from({ length: 10 }, (_, i) => `p${i},${i === 7 ? 'abc' : 20 + i},0`)];
    const e = await failure(rows.join('\n'));
    expect(e.message).toBe('t.csv, line 9, column "age": "abc" is not a number.');
    expect(e.line).toBe(9);
  });

  it('rejects an empty file', async () => {
    expect((await failure('')).message).toBe('t.csv is empty: it has no rows of data.');
    expect((await failure('\n  \r\n')).message).toBe('t.csv is empty: it has no rows of data.');
    expect((await failure('a,label\n')).message).toBe('t.csv has a header but no rows of data.');
  });

  it('lists the columns when the target is unknown', async () => {
    expect((await failure('a,b\n1,2\n', { target: 'price' })).message).toBe('t.csv has no column "price" (the target): its columns are "a", "b".');
  });

  it('refuses to regress categories and to classify a single value', async () => {
    expect((await failure('x,label\n1,cat\n2,dog\n', { task: 'regression' })).message).toContain('holds categories such as "cat", not numbers; choose the classification task');
    expect((await failure('x,label\n1,cat\n2,cat\n')).message).toContain('has only one value ("cat")');
  });

  it('names the line of a missing target', async () => {
    expect((await failure('x,label\n1,a\n2,\n3,b\n')).message).toBe('t.csv, line 3: the target "label" is empty; fill it in or remove the row.');
  });

  it('says when the file does not exist', async () => {
    const missing = join(dir, 'missing.csv');
    await expect(loadCsv(ref(), { path: missing, seed: 1 })).rejects.toThrow(`Cannot read ${missing}: the file does not exist.`);
  });
});

describe('previewCsv', () => {
  it('shows the first rows, column types and statistics', async () => {
    const text = 'age,city,score\n20,Paris,1.5\n30,"Lyon, FR",2.5\n,Paris,NA\n40,Nice,4\n';
    const p = await previewCsv({ path: file('people.csv', text) }, { rows: 2 });
    expect(p).toMatchObject({ name: 'people.csv', hasHeader: true, headers: ['age', 'city', 'score'], rowCount: 4, delimiter: ',' });
    expect(p.rows).toEqual([['20', 'Paris', '1.5'], ['30', 'Lyon, FR', '2.5']]);
    const [age, city, score] = p.columns;
    expect(age).toMatchObject({ type: 'numeric', missing: 1, distinct: 3, min: 20, max: 40, mean: 30, invalid: 0 });
    expect(age.std).toBeCloseTo(Math.sqrt(200 / 3), 10);
    expect(city).toMatchObject({ type: 'categorical', missing: 0, distinct: 3 });
    expect(city.topValues).toEqual([{ value: 'Paris', count: 2 }, { value: 'Lyon, FR', count: 1 }, { value: 'Nice', count: 1 }]);
    expect(score).toMatchObject({ type: 'numeric', missing: 1, min: 1.5, max: 4 });
  });

  it('counts words in numeric columns instead of failing, with the first line', async () => {
    const p = await previewCsv({ text: 'x\n1\n2\noops\n4\n', name: 'pasted' });
    expect(p.columns[0]).toMatchObject({ type: 'numeric', invalid: 1, firstInvalidLine: 4 });
  });
});
