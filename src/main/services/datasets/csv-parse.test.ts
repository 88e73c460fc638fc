import { describe, expect, it } from 'vitest';
import { DatasetError } from './errors.ts';
import { parseCsv, sniffDelimiter } from './csv-parse.ts';

describe('parseCsv', () => {
  it('splits plain records and keeps the line of each', () => {
    const r = parseCsv('a,b\n1,2\n\n3,4\n', 'x.csv');
    expect(r.records).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(r.lines).toEqual([1, 2, 4]);
  });

  it('handles quotes, delimiters and doubled quotes inside them, and CRLF', () => {
    const r = parseCsv('name,note\r\n"Smith, J.","said ""hi"""\r\n"",x\r\n', 'x.csv');
    expect(r.records).toEqual([['name', 'note'], ['Smith, J.', 'said "hi"'], ['', 'x']]);
    expect(r.lines).toEqual([1, 2, 3]);
  });

  it('counts line breaks inside quoted fields for the lines that follow', () => {
    const r = parseCsv('a,b\n"two\nlines",1\n"x",2\r3,4', 'x.csv');
    expect(r.records).toEqual([['a', 'b'], ['two\nlines', '1'], ['x', '2'], ['3', '4']]);
    expect(r.lines).toEqual([1, 2, 4, 5]);
  });

  it('keeps empty trailing fields and ignores a byte-order mark', () => {
    expect(parseCsv('\ufeffa,b,\n1,,\n', 'x.csv').records).toEqual([['a', 'b', ''], ['1', '', '']]);
  });

  it('picks semicolons or tabs when the first line uses them', () => {
    expect(sniffDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(sniffDelimiter('a\tb\n')).toBe('\t');
    expect(sniffDelimiter('"x;y",b\n')).toBe(',');
    expect(parseCsv('a;b\n1,5;2\n', 'x.csv').records).toEqual([['a', 'b'], ['1,5', '2']]);
  });

  it('points at the line where an unclosed quote starts', () => {
    expect(() => parseCsv('a,b\n1,2\n"open,3\n4,5\n', 'data.csv')).toThrow(
      new DatasetError('data.csv, line 3: a quoted field starts here but its closing quote (") is missing.', { file: 'data.csv', line: 3 }),
    );
  });

  it('rejects text after a closing quote', () => {
    expect(() => parseCsv('a,b\n"x"y,2\n', 'data.csv')).toThrow(/^data\.csv, line 2: unexpected text after a closing quote/);
  });
});
