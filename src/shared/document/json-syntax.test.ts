import { describe, expect, it } from 'vitest';
import { getTemplate } from '../templates/index.ts';
import { jsonSyntaxError } from './json-syntax.ts';
import { parseDocument, serializeDocument } from './parse.ts';

const at = (text: string) => {
  const e = jsonSyntaxError(text);
  return e && `${e.line}:${e.column} ${e.problem}`;
};

describe('where JSON breaks', () => {
  it('gives the line, the column and what was expected', () => {
    expect(at('{\n  "a": 1\n  "b": 2\n}')).toBe('3:3 expected "," or "}", found "\\""');
    expect(at('{"a": 1,}')).toBe('1:9 expected a field name in double quotes, found "}"');
    expect(at('[1, 2')).toBe('1:6 the text ends in the middle of the data');
    expect(at('{"a" 1}')).toBe('1:6 expected ":" after a field name, found "1"');
    expect(at('{"a": tru}')).toBe('1:7 expected a value, found "t"');
    expect(at('{"a": "x\\q"}')).toBe('1:9 a bad escape "\\\\q" in a string');
    expect(at('{"a": "abc')).toBe('1:7 a string that never ends');
    expect(at('{} {}')).toBe('1:4 unexpected "{" after the end of the data');
    expect(at('{"a": 01}')).toBe('1:8 expected "," or "}", found "1"');
  });

  it('shows control and invisible characters as escapes, so the message is one safe line', () => {
    expect(at('{"a":\u001b[2J}')).toBe('1:6 expected a value, found "\\u001b"');
    expect(at('{"a": "x\ny"}')).toBe('1:9 "\\u000a" inside a string: write it as an escape such as \\n');
    expect(at('\ufeff{}')).toBe('1:1 expected a value, found "\\ufeff"');
    expect(at('[1]\u202e')).toBe('1:4 unexpected "\\u202e" after the end of the data');
  });

  it('agrees with JSON.parse on thousands of damaged files, and each answer is quick', () => {
    const text = serializeDocument(getTemplate('lenet-cnn')!.build());
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const disagreements: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const chars = [...text];
      for (let k = 0; k < 1 + (i % 3); k++) {
        const pos = Math.floor(random() * chars.length);
        if (i % 2) chars[pos] = String.fromCharCode(Math.floor(random() * 128));
        else chars.splice(pos, 1);
      }
      const damaged = chars.join('').slice(0, i % 5 === 0 ? Math.floor(random() * text.length) : undefined);
      let parses = true;
      try {
        JSON.parse(damaged);
      } catch {
        parses = false;
      }
      if ((jsonSyntaxError(damaged) === undefined) !== parses) disagreements.push(JSON.stringify(damaged));
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    const started = performance.now();
    expect(at('['.repeat(1_000_000))).toBe('1:1000001 the text ends in the middle of the data');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('is what a project file that is not JSON reports', () => {
    const parsed = parseDocument('{\n  "format": "netwright-project",\n  "nodes": [\n}');
    expect(parsed.ok ? [] : parsed.issues).toEqual([{ path: '', message: 'not valid JSON (line 4, column 1: expected a value, found "}")' }]);
    const empty = parseDocument(' \n');
    expect(empty.ok ? [] : empty.issues).toEqual([{ path: '', message: 'not valid JSON (the file is empty)' }]);
  });
});
