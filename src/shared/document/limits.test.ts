import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/index.ts';
import { getTemplate } from '../templates/index.ts';
import { checkParams } from './check-params.ts';
import * as limits from './limits.ts';
import { MAX_DEPTH, MAX_FIELDS, MAX_ISSUES, MAX_TOTAL_PARAMS, MAX_UNITS } from './limits.ts';
import { decodeProject, formatIssues, parseDocument, serializeDocument, validateDocument } from './parse.ts';
import type { GraphDoc } from './schema.ts';
import { describe as describeValue } from './validate.ts';

const xor = () => JSON.parse(serializeDocument(getTemplate('xor-mlp')!.build()));

/** `levels` arrays inside each other around a 1. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

function lines(result: ReturnType<typeof parseDocument>): string[] {
  return result.ok ? [] : formatIssues(result.issues).split('\n');
}

describe('hard limits on a project file', () => {
  it('refuses a value nested 5,000 arrays deep with one line naming the field, without recursing', () => {
    const doc = xor();
    // Written as text: JSON.stringify itself recurses.
    const result = parseDocument(JSON.stringify(doc).replace('"units":4', `"units":${'['.repeat(5_000)}1${']'.repeat(5_000)}`));
    expect(lines(result)).toEqual([`nodes[1].params.units${'[0]'.repeat(MAX_DEPTH - 4)}: is nested more than ${MAX_DEPTH} levels deep; a project file is far smaller`]);
    // The host checks values it did not parse itself (a save, the recovery file) the same way.
    doc.nodes[1].params.units = nested(5_000);
    expect(validateDocument(doc).ok).toBe(false);
    expect(describeValue(nested(100_000))).toBe('an array of 1 item');
  });

  it('refuses an object of more than MAX_FIELDS fields as soon as its keys are listed, naming it', () => {
    const doc = xor();
    doc.nodes[1].params = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`p${i}`, 1]));
    const started = performance.now();
    expect(lines(parseDocument(JSON.stringify(doc)))).toEqual([`nodes[1].params: is an object of 200,000 fields, more than ${MAX_FIELDS.toLocaleString('en-US')}; a project file is far smaller`]);
    expect(performance.now() - started).toBeLessThan(2_000);
    const wide = xor();
    wide.meta = { ...wide.meta, ...Object.fromEntries(Array.from({ length: MAX_FIELDS - 4 }, (_, i) => [`m${i}`, 1])) };
    expect(lines(parseDocument(JSON.stringify(wide)))[0]).toMatch(/^meta\.m0: is not a known field/);
  });

  it('lets the deepest value the format uses through', () => {
    const doc = xor();
    doc.nodes[0].params.shape = [2];
    expect(parseDocument(JSON.stringify(doc)).ok).toBe(true);
  });

  it('refuses layer parameters named after Object.prototype members, as any made-up name', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']) {
      const text = JSON.stringify(xor()).replace('"units":4', `"units":4,${JSON.stringify(name)}:1`);
      const parsed = parseDocument(text);
      if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
      expect(checkParams(parsed.doc).map((i) => `${i.path}: ${i.message.split(' (')[0]}`), name).toEqual([`nodes[1].params.${name}: is not a parameter of Dense`]);
      expect(analyze(parsed.doc).ok, name).toBe(false);
    }
  });

  it('refuses 2^31 and 1e308 units, and keeps Total params finite', () => {
    for (const units of [2 ** 31, 1e308]) {
      const doc = xor();
      doc.nodes[1].params.units = units;
      const parsed = parseDocument(JSON.stringify(doc));
      if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
      expect(checkParams(parsed.doc).map((i) => `${i.path}: ${i.message}`)).toEqual([
        `nodes[1].params.units: expected at most ${MAX_UNITS.toLocaleString('en-US')} (the largest size Netwright builds), got ${units}`,
      ]);
      const analysis = analyze(parsed.doc);
      expect(analysis.ok).toBe(false);
      expect(Number.isFinite(analysis.summary.totalParams)).toBe(true);
    }
  });

  it('refuses a network of more parameters than MAX_TOTAL_PARAMS even when each layer is within its limits', () => {
    const doc = xor();
    doc.nodes[0].params.shape = [60_000];
    doc.nodes[1].params.units = 60_000;
    const analysis = analyze(validated(doc));
    expect(analysis.diagnostics.filter((d) => d.code === 'too-large').map((d) => d.message)).toEqual([
      `dense_1 (Dense) has 3,600,060,000 parameters, more than the ${MAX_TOTAL_PARAMS.toLocaleString('en-US')} Netwright can train: make the layer smaller`,
    ]);
    expect(analysis.summary.totalParams).toBeLessThanOrEqual(MAX_TOTAL_PARAMS);
  });

  it('shortens megabyte-long keys in paths and stops collecting problems at MAX_ISSUES', () => {
    const doc = xor();
    doc.meta['k'.repeat(1_000_000)] = 1;
    const long = lines(parseDocument(JSON.stringify(doc)));
    expect(long).toHaveLength(1);
    expect(long[0].length).toBeLessThan(300);
    const many = xor();
    many.edges = Array.from({ length: 50_000 }, (_, i) => ({ id: `e${i}`, source: 1, target: 2, targetPort: -1 }));
    const result = parseDocument(JSON.stringify(many));
    expect(!result.ok && result.issues.length).toBeLessThanOrEqual(MAX_ISSUES + 10);
    expect(lines(result).at(-1)).toMatch(/^…and at least \d+ more$/);
  });
});

describe('reading project bytes', () => {
  it('accepts a UTF-8 byte-order mark, in bytes and in text', () => {
    const text = JSON.stringify(xor());
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const decoded = decodeProject(bytes);
    expect(decoded.ok && parseDocument(decoded.text).ok).toBe(true);
    expect(parseDocument('\ufeff' + text).ok).toBe(true);
  });

  it('refuses invalid UTF-8 instead of replacing it, and says on which line', () => {
    const text = serializeDocument(validated(xor())).replace('XOR MLP', 'XOR @MLP');
    const bytes = new TextEncoder().encode(text);
    bytes[bytes.indexOf('@'.charCodeAt(0))] = 0xff;
    const line = text.slice(0, text.indexOf('@')).split('\n').length;
    expect(decodeProject(bytes)).toEqual({ ok: false, issues: [{ path: '', message: `not UTF-8 text (the first bad byte is on line ${line}): save the file as UTF-8` }] });
  });
});

function validated(json: unknown): GraphDoc {
  const parsed = validateDocument(json);
  if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
  return parsed.doc;
}

describe('docs/project-format.md', () => {
  it('lists every limit with the value in limits.ts and a reason', () => {
    const md = readFileSync(new URL('../../../docs/project-format.md', import.meta.url), 'utf8');
    const rows = new Map<string, { value: string; why: string }>();
    for (const [, name, value, why] of md.matchAll(/^\| [^|]*\(`(MAX_\w+)`\) \| ([^|]+) \| ([^|]*) \|$/gm)) rows.set(name, { value, why });
    const documented = Object.keys(limits).map((name) => {
      const row = rows.get(name);
      return { name, value: row?.value.split(' ')[0], hasReason: (row?.why.length ?? 0) > 20 };
    });
    expect(documented).toEqual(Object.entries(limits).map(([name, value]) => ({ name, value: value.toLocaleString('en-US'), hasReason: true })));
  });
});
