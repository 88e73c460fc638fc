import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NODES, serializeDocument } from '../../shared/document/index.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { netwright as run } from './testing.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-cli-hardening-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});


/** The xor-mlp template as JSON text, with `edit` applied to the parsed document. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test edits reach anywhere in the JSON
function xorText(edit: (doc: Record<string, any>) => void = () => {}): string {
  const doc = JSON.parse(serializeDocument(getTemplate('xor-mlp')!.build()));
  edit(doc);
  return JSON.stringify(doc);
}

async function project(name: string, content: string | Uint8Array): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

/** Runs summary, check and export on `file`; each must exit `code` without a stack trace. */
async function everyCommand(file: string, code: number) {
  const results = [];
  for (const argv of [['summary', file], ['check', file], ['export', file, '--ts', join(dir, 'out.ts')]]) {
    const started = performance.now();
    const r = { ...(await run(...argv)), ms: performance.now() - started };
    expect({ argv, code: r.code }).toEqual({ argv, code });
    expect(r.out + r.err).not.toMatch(/\n\s+at |unexpected failure/);
    results.push(r);
  }
  return results;
}

describe('the CLI on hostile project files', () => {
  it('refuses a params value nested 5,000 arrays deep in one line naming the file and field (exit 2)', async () => {
    const file = await project('deep.json', xorText().replace('"units":4', `"units":${'['.repeat(5_000)}4${']'.repeat(5_000)}`));
    for (const r of await everyCommand(file, 2)) {
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(`${file}: nodes[1].params.units[0][0]`);
      expect(r.err).toContain('is nested more than 16 levels deep');
    }
  });

  it(`checks, summarises and exports a loop through ${MAX_NODES.toLocaleString('en-US')} layers with bounded output, quickly (exit 1)`, async () => {
    const file = await project('ring.json', xorText((doc) => {
      doc.nodes = Array.from({ length: MAX_NODES }, (_, i) => ({ id: `n${i}`, kind: 'Dense', params: {}, position: { x: 0, y: 0 } }));
      doc.edges = doc.nodes.map((_: unknown, i: number) => ({ id: `e${i}`, source: `n${i}`, target: `n${(i + 1) % MAX_NODES}`, targetPort: 0 }));
    }));
    for (const r of await everyCommand(file, 1)) {
      expect(r.out.length + r.err.length).toBeLessThan(20_000);
      expect(r.ms).toBeLessThan(10_000);
      expect(r.out + r.err).toMatch(/form a loop/);
    }
  });

  it('refuses layer parameters named constructor, __proto__, toString or valueOf as any made-up name (exit 2)', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'valueOf', 'madeUp']) {
      const file = await project(`proto-${name}.json`, xorText().replace('"units":4', `"units":4,"${name}":1`));
      for (const r of await everyCommand(file, 2)) expect(r.err).toContain(`${file}: nodes[1].params.${name}: is not a parameter of Dense`);
    }
  });

  it('refuses a Dense layer of 2^31 or 1e308 units (exit 2) and keeps Total params finite', async () => {
    for (const units of ['2147483648', '1e308']) {
      const file = await project(`units-${units}.json`, xorText().replace('"units":4', `"units":${units}`));
      for (const r of await everyCommand(file, 2)) expect(r.err).toMatch(/nodes\[1\]\.params\.units: expected at most 65,536 .*, got (2147483648|1e\+308)/);
    }
    const wide = await project('wide.json', xorText((doc) => {
      doc.nodes[0].params.shape = [60_000];
      doc.nodes[1].params.units = 60_000;
    }));
    const [summary] = await everyCommand(wide, 1);
    expect(summary.out).toMatch(/^Total params: [\d,]+$/m);
    expect(summary.err).toContain('more than the 1,000,000,000 Netwright can train');
  });

  it('accepts a UTF-8 byte-order mark, as the app and serve do', async () => {
    const file = await project('bom.json', '\ufeff' + xorText());
    expect((await run('check', file)).code).toBe(0);
    expect((await run('summary', file)).code).toBe(0);
  });

  it('refuses invalid UTF-8 instead of replacing it (exit 2)', async () => {
    const bytes = Buffer.from(xorText().replace('XOR MLP', 'XOR @MLP'));
    bytes[bytes.indexOf('@')] = 0xff;
    const file = await project('latin1.json', bytes);
    for (const r of await everyCommand(file, 2)) expect(r.err).toContain(`${file}: not UTF-8 text`);
    const r = await run('check', file);
    expect(r.err).toBe(`netwright check: ${file}: not UTF-8 text (the first bad byte is on line 1): save the file as UTF-8\n`);
  });

  it('prints names from the file with control characters escaped, one line per problem', async () => {
    const file = await project('escapes.json', xorText((doc) => {
      doc.meta.name = 'XOR\u001b[2J\nMLP';
      doc.nodes[1].name = 'bad\u001b[31m\u202ename';
    }));
    const summary = await run('summary', file);
    const check = await run('check', file);
    for (const r of [summary, check]) expect((r.out + r.err).replaceAll('\n', '')).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    expect(summary.out).toContain('Model: XOR\\u001b[2J\\u000aMLP\n');
    expect(summary.out).toMatch(/^bad\\u001b\[31m\\u202ename \(Dense\) +\[null, 4\] +12$/m);
    expect(check.out).toContain('error: The layer name "bad\\u001b[31m\\u202ename" is not usable');
  });

  it('says on which line and column a file stops being JSON, without quoting raw control characters', async () => {
    const file = await project('broken.json', xorText().replace('"units":4', '"units":\u001b[2J'));
    const r = await run('check', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^netwright check: ${file}: not valid JSON \\(line 1, column \\d+: expected a value, found "\\\\u001b"\\)\n$`));
  });

  it('writes a new project without leaving a temp file', async () => {
    const file = join(dir, 'new.json');
    expect((await run('new', 'xor-mlp', '-o', file)).code).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8')).format).toBe('netwright-project');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
