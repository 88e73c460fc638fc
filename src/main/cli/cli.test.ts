import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { netwright as run } from './testing.ts';



let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netwright-cli-'));
});

describe('netwright CLI', () => {
  it('lists the templates with a description each', async () => {
    const r = await run('templates');
    expect(r.code).toBe(0);
    for (const id of ['perceptron-and', 'xor-mlp', 'fashion-mnist-mlp', 'mnist-softmax', 'linear-regression', 'lenet-cnn', 'lstm-sequence', 'autoencoder']) {
      expect(r.out).toMatch(new RegExp(`^${id}\\s+\\S`, 'm'));
    }
  });

  it('creates the Fashion-MNIST MLP and summarises it as Keras does', async () => {
    const file = join(dir, 'fashion.nwproj.json');
    expect((await run('new', 'fashion-mnist-mlp', '-o', file)).code).toBe(0);
    const r = await run('summary', file, '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.layers.map((l: { params: number }) => l.params)).toEqual([0, 0, 235_500, 30_100, 1_010]);
    expect(s.layers[1]).toEqual({ name: expect.any(String), kind: 'Flatten', outputShape: [null, 784], params: 0 });
    expect([s.totalParams, s.trainableParams, s.nonTrainableParams]).toEqual([266_610, 266_610, 0]);
    const text = await run('summary', file);
    expect(text.out).toContain('Total params: 266,610');
    expect(text.out).toMatch(/dense_\d \(Dense\)\s+\[null, 300\]\s+235,500/);
  });

  it('refuses to overwrite an existing file without --force', async () => {
    const file = join(dir, 'twice.json');
    expect((await run('new', 'xor-mlp', '-o', file)).code).toBe(0);
    const again = await run('new', 'xor-mlp', '-o', file);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists');
  });

  it('checks every template without errors', async () => {
    for (const id of ['perceptron-and', 'xor-mlp', 'fashion-mnist-mlp', 'mnist-softmax', 'linear-regression', 'lenet-cnn', 'lstm-sequence', 'autoencoder']) {
      const file = join(dir, `${id}.json`);
      await run('new', id, '-o', file, '--force');
      const r = await run('check', file);
      expect({ id, code: r.code, out: r.out }).toMatchObject({ id, code: 0 });
    }
  });

  it('exits 1 with the diagnostic when the network has an error', async () => {
    const file = join(dir, 'flat.json');
    await run('new', 'mnist-softmax', '-o', file, '--force');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    const flatten = doc.nodes.find((n: { kind: string }) => n.kind === 'Flatten');
    doc.edges = doc.edges
      .filter((e: { source: string; target: string }) => e.target !== flatten.id)
      .map((e: { source: string; target: string }) => (e.source === flatten.id ? { ...e, source: doc.nodes[0].id } : e));
    doc.nodes = doc.nodes.filter((n: { id: string }) => n.id !== flatten.id);
    await writeFile(file, JSON.stringify(doc));
    const r = await run('check', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Dense expects a 2-D input \[batch, features\] but got \[null, 28, 28\]: insert a Flatten before it/);
    expect(r.out).toContain('1 error');
  });

  describe('bad input: one clear line naming the file and field, exit 2, no stack trace', () => {
    const cases: [string, (doc: Record<string, unknown>) => string, RegExp][] = [
      ['malformed JSON', () => '{"format": "netwright-project", nodes: [', /not valid JSON/],
      ['a newer schema version', (d) => JSON.stringify({ ...d, schemaVersion: 99 }), /newer Netwright.*version 99/],
      ['a wrong parameter type', (d) => JSON.stringify(withParam(d, 'units', 'ten')), /nodes\[\d\]\.params\.units: expected a positive integer, got "ten"/],
      ['an unknown layer kind', (d) => JSON.stringify({ ...d, nodes: (d.nodes as object[]).map((n, i) => (i === 1 ? { ...n, kind: 'Dense3' } : n)) }), /nodes\[1\]\.kind: unknown layer kind "Dense3"/],
      ['a wrong field type', (d) => JSON.stringify({ ...d, nodes: (d.nodes as object[]).map((n, i) => (i === 0 ? { ...n, position: { x: 'a', y: 0 } } : n)) }), /nodes\[0\]\.position\.x: expected a number, got "a"/],
    ];
    for (const [what, corrupt, message] of cases) {
      it(what, async () => {
        const good = join(dir, 'good.json');
        await run('new', 'xor-mlp', '-o', good, '--force');
        const bad = join(dir, `bad-${what.replace(/\W/g, '-')}.json`);
        await writeFile(bad, corrupt(JSON.parse(await readFile(good, 'utf8'))));
        for (const cmd of ['summary', 'check']) {
          const r = await run(cmd, bad);
          expect(r.code).toBe(2);
          expect(r.err).toContain(bad);
          expect(r.err).toMatch(message);
          expect(r.err).not.toMatch(/\n\s+at /);
        }
      });
    }

    it('a missing file', async () => {
      const r = await run('summary', join(dir, 'nope.json'));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/nope\.json: no such file/);
    });
  });

  it('rejects an unknown command with usage and exit 2', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: netwright');
  });
});

function withParam(doc: Record<string, unknown>, name: string, value: unknown) {
  const nodes = (doc.nodes as { kind: string; params: Record<string, unknown> }[]).map((n) =>
    n.kind === 'Dense' ? { ...n, params: { ...n.params, [name]: value } } : n,
  );
  return { ...doc, nodes };
}
