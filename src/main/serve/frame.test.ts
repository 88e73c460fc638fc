import { describe, expect, it } from 'vitest';
import { MAX_CALL_DEPTH } from '../services/host/dispatch.ts';
import { MAX_FRAME_DEPTH, readCallFrame, textNestsDeeperThan } from './frame.ts';

describe('readCallFrame', () => {
  it('reads a call', () => {
    expect(readCallFrame('{"type":"call","id":3,"method":"hostInfo","args":[]}')).toEqual({ ok: true, id: 3, method: 'hostInfo', args: [] });
  });

  it('refuses what is not a call with 1003', () => {
    for (const text of ['', 'not json', '[]', 'null', '{"type":"call","id":1.5,"method":"x"}', '{"type":"event","id":1}']) {
      expect(readCallFrame(text)).toMatchObject({ ok: false, code: 1003, reason: expect.stringContaining('JSON call frame') });
    }
  });

  it('refuses a call nested deeper than the limit with 1008, before parsing it', () => {
    const args = '['.repeat(MAX_CALL_DEPTH + 1) + ']'.repeat(MAX_CALL_DEPTH + 1);
    expect(readCallFrame(`{"type":"call","id":1,"method":"x","args":${args}}`)).toEqual({ ok: false, code: 1008, reason: `call nested deeper than ${MAX_CALL_DEPTH} levels` });
    const fits = '['.repeat(MAX_CALL_DEPTH) + ']'.repeat(MAX_CALL_DEPTH);
    expect(readCallFrame(`{"type":"call","id":1,"method":"x","args":${fits}}`)).toMatchObject({ ok: true });
    // Unbalanced text is refused as deep all the same: it never reaches JSON.parse.
    expect(readCallFrame('['.repeat(10_000_000))).toMatchObject({ ok: false, code: 1008 });
  });
});

describe('textNestsDeeperThan', () => {
  it('counts brackets and braces outside strings only', () => {
    expect(textNestsDeeperThan('[{"a":[1]}]', 3)).toBe(false);
    expect(textNestsDeeperThan('[{"a":[1]}]', 2)).toBe(true);
    expect(textNestsDeeperThan('["[[[[[[", "{{{{"]', 1)).toBe(false);
    // An escaped quote does not end the string.
    expect(textNestsDeeperThan('["\\"[[[[", 1]', 1)).toBe(false);
    expect(textNestsDeeperThan('["\\\\", [[1]]]', 2)).toBe(true);
    expect(MAX_FRAME_DEPTH).toBe(MAX_CALL_DEPTH + 1);
  });
});
