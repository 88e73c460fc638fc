import { describe, expect, it } from 'vitest';
import * as v from './validate.ts';
import type { Issue } from './validate.ts';

/** Runs a validator and returns what it produced and every issue it pushed. */
function run<T>(validator: v.Validator<T>, value: unknown, path = 'x') {
  const issues: Issue[] = [];
  const out = validator.check(value, path, issues);
  return { out, issues, lines: issues.map((i) => `${i.path}: ${i.message}`) };
}

describe('validators', () => {
  it('numbers: type, integer and range, with the value shown', () => {
    expect(run(v.number(), 3.5).out).toBe(3.5);
    expect(run(v.number(), 'a').lines).toEqual(['x: expected a number, got "a"']);
    expect(run(v.number({ min: 1, integer: true }), 'ten').lines).toEqual(['x: expected a positive integer, got "ten"']);
    expect(run(v.number({ min: 1, integer: true }), 2.5).lines).toEqual(['x: expected a positive integer, got 2.5']);
    expect(run(v.number({ min: 0, max: 1 }), 1.5).lines).toEqual(['x: expected a number from 0 to 1, got 1.5']);
    expect(run(v.number({ min: 0, max: 10, exclusiveMin: true }), 0).lines).toEqual(['x: expected a number above 0 and at most 10, got 0']);
    expect(run(v.number({ min: 0, exclusiveMin: true }), 0).lines).toEqual(['x: expected a number > 0, got 0']);
    expect(run(v.number({ min: 0 }), 0).issues).toEqual([]);
    expect(run(v.number(), null).lines).toEqual(['x: expected a number, got null']);
  });

  it('strings, booleans, literals and enums', () => {
    expect(run(v.string({ minLength: 1 }), '').lines).toEqual(['x: expected a non-empty string, got ""']);
    expect(run(v.string({ maxLength: 3 }), 'abcd').lines).toEqual(['x: expected at most 3 characters, got "abcd"']);
    expect(run(v.string(), 'x'.repeat(50)).out).toHaveLength(50);
    expect(run(v.string(), 42).lines).toEqual(['x: expected a string, got 42']);
    expect(run(v.boolean(), 'yes').lines).toEqual(['x: expected true or false, got "yes"']);
    expect(run(v.literal(2), 3).lines).toEqual(['x: expected 2, got 3']);
    expect(run(v.oneOf(['sgd', 'adam'] as const), 'adamw').lines).toEqual(['x: expected one of "sgd", "adam", got "adamw"']);
    expect(run(v.oneOf(['sgd', 'adam'] as const), 'adam').out).toBe('adam');
  });

  it('shortens long values in messages', () => {
    expect(v.describe('y'.repeat(60))).toBe(`"${'y'.repeat(40)}…"`);
    expect(v.describe([1, 2, 3, 4, 5, 6, 7])).toBe('an array of 7 items');
    expect(v.describe({ a: 1 })).toBe('an object');
    expect(v.describe(undefined)).toBe('nothing');
  });

  it('arrays report every bad item by index', () => {
    const r = run(v.array(v.number()), [1, 'two', 3, false], 'list');
    expect(r.out).toBeUndefined();
    expect(r.lines).toEqual(['list[1]: expected a number, got "two"', 'list[3]: expected a number, got false']);
    expect(run(v.array(v.number(), { maxItems: 2 }), [1, 2, 3]).lines).toEqual(['x: expected at most 2 items, got [1,2,3]']);
    expect(run(v.array(v.number(), { minItems: 1 }), []).lines).toEqual(['x: expected at least 1 item, got []']);
    expect(run(v.array(v.number()), { 0: 1 }).lines).toEqual(['x: expected an array, got an object']);
  });

  it('objects report missing, unknown and bad fields together, and suggest the likely field', () => {
    const shape = v.object({ units: v.number(), activation: v.optional(v.string()), name: v.string() });
    const r = run(shape, { unit: 3, name: 7 }, 'nodes[0]');
    expect(r.out).toBeUndefined();
    expect(r.lines).toEqual([
      'nodes[0].units: is missing',
      'nodes[0].name: expected a string, got 7',
      'nodes[0].unit: is not a known field: did you mean "units"? (known: units, activation, name)',
    ]);
    expect(run(shape, { units: 3, name: 'a' }).out).toEqual({ units: 3, name: 'a' });
    expect(run(shape, { units: 3, name: 'a', zzzzzz: 1 }).lines).toEqual(['x.zzzzzz: is not a known field (known: units, activation, name)']);
  });

  it('objects ignore keys inherited from Object.prototype and never let __proto__ through', () => {
    const shape = v.object({ a: v.number() });
    expect(run(shape, JSON.parse('{"a": 1, "constructor": 2}')).lines).toEqual(['x.constructor: is not a known field (known: a)']);
    expect(run(shape, {}).lines).toEqual(['x.a: is missing']);
    const rec = run(v.record(v.number()), JSON.parse('{"__proto__": 5, "b": 1}'));
    expect(Object.getPrototypeOf(rec.out)).toBe(Object.prototype);
    expect(Object.keys(rec.out!)).toEqual(['__proto__', 'b']);
  });

  it('records check each value under its key, quoting keys that are not identifiers', () => {
    expect(run(v.record(v.number()), { ok: 1, 'two words': 'x' }, 'params').lines).toEqual(['params["two words"]: expected a number, got "x"']);
  });

  it('nullable and anyOf accept any alternative and describe all of them when none fits', () => {
    expect(run(v.nullable(v.number()), null).out).toBeNull();
    expect(run(v.nullable(v.number()), 'a').lines).toEqual(['x: expected a number, got "a"']);
    const either = v.anyOf(v.number(), v.array(v.number()), 'a number or a list of numbers');
    expect(run(either, [1, 2]).out).toEqual([1, 2]);
    expect(run(either, { a: 1 }).lines).toEqual(['x: expected a number or a list of numbers, got an object']);
  });

  it('tagged unions pick the variant by its tag and report an unknown tag at the tag', () => {
    const u = v.tagged('kind', {
      step: v.object({ kind: v.literal('step'), every: v.number() }),
      constant: v.object({ kind: v.literal('constant') }),
    });
    expect(run(u, { kind: 'step', every: 2 }).out).toEqual({ kind: 'step', every: 2 });
    expect(run(u, { kind: 'step' }, 's').lines).toEqual(['s.every: is missing']);
    expect(run(u, { kind: 'cosine' }, 's').lines).toEqual(['s.kind: expected one of "step", "constant", got "cosine"']);
    expect(run(u, { kind: 'toString' }, 's').lines).toEqual(['s.kind: expected one of "step", "constant", got "toString"']);
  });

  it('every validator knows its JSON Schema, and doc() adds a description without losing optionality', () => {
    expect(v.number({ min: 1, integer: true }).schema).toEqual({ type: 'integer', minimum: 1 });
    expect(v.nullable(v.boolean()).schema).toEqual({ anyOf: [{ type: 'boolean' }, { type: 'null' }] });
    const field = v.optional(v.doc(v.string(), 'A name.'));
    expect(field.schema.description).toBe('A name.');
    const obj = v.object({ name: field, n: v.doc(v.number(), 'A count.') });
    expect(obj.schema.required).toEqual(['n']);
    expect(obj.schema.additionalProperties).toBe(false);
  });

  it('closest() finds near misses only', () => {
    expect(v.closest('Dense3', ['Dense', 'Conv2D'])).toBe('Dense');
    expect(v.closest('conv2d', ['Dense', 'Conv2D'])).toBe('Conv2D');
    expect(v.closest('Transformer', ['Dense', 'Conv2D'])).toBeUndefined();
  });
});
