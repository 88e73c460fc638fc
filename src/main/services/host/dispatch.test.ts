/**
 * dispatch is the one door for a page's calls, over the desktop IPC as over
 * the browser-mode socket: whatever the arguments, it answers with a reply
 * and never throws.
 */
import { describe, expect, it } from 'vitest';
import type { ApiMethods } from '../../../shared/protocol/api.ts';
import { getTemplate } from '../../../shared/templates/index.ts';
import { dispatch, MAX_CALL_DEPTH, nestedDeeperThan } from './dispatch.ts';

/** Arrays nested `depth` levels, built without recursion. */
function nested(depth: number): unknown[] {
  let value: unknown[] = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

const saved: unknown[] = [];
const methods = {
  saveProject: async (...args: unknown[]) => void saved.push(args),
  hostInfo: async () => ({ kind: 'browser' }),
} as unknown as ApiMethods;

describe('dispatch against hostile arguments', () => {
  it('refuses arguments nested deeper than the limit before the checks walk them', async () => {
    const doc = getTemplate('xor-mlp')!.build();
    const deep = { ...doc, nodes: [{ ...doc.nodes[1], params: { units: nested(100_000) } }] };
    expect(await dispatch(methods, 'saveProject', ['/tmp/x.json', deep])).toEqual({
      ok: false,
      error: { code: 'invalid-arguments', message: `saveProject: arguments nested deeper than ${MAX_CALL_DEPTH} levels` },
    });
    expect(saved).toEqual([]);
  });

  it('answers a cyclic argument (structured clone can carry one) without throwing', async () => {
    const doc: Record<string, unknown> = { ...getTemplate('xor-mlp')!.build() };
    doc.self = doc;
    const reply = await dispatch(methods, 'saveProject', ['/tmp/x.json', doc]);
    expect(reply.ok).toBe(false);
    expect(saved).toEqual([]);
  });

  it('names an unknown method without stringifying what was sent instead', async () => {
    expect(await dispatch(methods, nested(100_000), [])).toEqual({ ok: false, error: { code: 'unknown-method', message: 'no API method of type object' } });
    expect(await dispatch(methods, 'x'.repeat(1000), [])).toMatchObject({ error: { message: `no API method "${'x'.repeat(80)}"` } });
  });

  it('still runs ordinary calls', async () => {
    expect(await dispatch(methods, 'hostInfo', [])).toEqual({ ok: true, value: { kind: 'browser' } });
  });
});

describe('nestedDeeperThan', () => {
  it('counts arrays and objects, not the values in them', () => {
    expect(nestedDeeperThan(1, 0)).toBe(false);
    expect(nestedDeeperThan('[[[[', 1)).toBe(false);
    expect(nestedDeeperThan({ a: [1, { b: [] }] }, 4)).toBe(false);
    expect(nestedDeeperThan({ a: [1, { b: [] }] }, 3)).toBe(true);
    expect(nestedDeeperThan(nested(1_000_000), MAX_CALL_DEPTH)).toBe(true);
  });

  it('enters shared and cyclic parts once', () => {
    // 2^60 paths through 60 shared arrays: walking each path would never end.
    let shared: unknown[] = [];
    for (let i = 0; i < 60; i++) shared = [shared, shared];
    expect(nestedDeeperThan(shared, MAX_CALL_DEPTH)).toBe(false);
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(nestedDeeperThan(cycle, 2)).toBe(false);
  });
});
