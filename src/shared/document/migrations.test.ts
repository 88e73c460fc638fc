import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from './migrations.ts';
import { parseDocument } from './parse.ts';
import { SCHEMA_VERSION } from './schema.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('migrations', () => {
  it('loads a version 1 file and upgrades it to the current format', () => {
    const result = parseDocument(fixture('v1-xor.json'));
    if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    expect(result.migrated).toEqual(['1→2: edges get input slots; training gets a schedule and a backend choice', '2→3: projects can carry a hyperparameter search', '3→4: projects can carry a lesson note and read CIFAR-10']);
    expect(result.doc).toEqual({ ...JSON.parse(fixture('v2-xor.expected.json')), schemaVersion: 4 });
  });

  it('opens a version 2 file as it was, without a search', () => {
    const result = parseDocument(fixture('v2-xor.expected.json'));
    if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    expect(result.migrated).toEqual(['2→3: projects can carry a hyperparameter search', '3→4: projects can carry a lesson note and read CIFAR-10']);
    expect(result.doc.search).toBeUndefined();
    expect(result.doc.meta.lesson).toBeUndefined();
    expect(result.doc.nodes).toHaveLength(3);
  });

  it('numbers the input slots of each target in file order, keeping slots already given', () => {
    const out = migrate({
      format: 'netwright-project',
      schemaVersion: 1,
      edges: [
        { id: 'a', source: 'left', target: 'add' },
        { id: 'b', source: 'x', target: 'dense' },
        { id: 'c', source: 'right', target: 'add' },
        { id: 'd', source: 'y', target: 'concat', targetPort: 1 },
      ],
      training: { optimizer: 'adam', backend: 'cpu' },
    });
    if (!out.ok) throw new Error(out.message);
    expect((out.doc.edges as { targetPort: number }[]).map((e) => e.targetPort)).toEqual([0, 0, 1, 1]);
    expect(out.doc.training).toEqual({ optimizer: 'adam', backend: 'cpu', schedule: { kind: 'constant' } });
    expect(out.doc.schemaVersion).toBe(4);
  });

  it('leaves odd shapes for the validators to report instead of throwing', () => {
    const out = migrate({ schemaVersion: 1, edges: [null, 'x'], training: 'fast' });
    expect(out).toMatchObject({ ok: true, doc: { schemaVersion: 4, edges: [null, 'x'], training: 'fast' } });
    const parsed = parseDocument(JSON.stringify({ format: 'netwright-project', schemaVersion: 1, meta: { name: 'odd' }, nodes: [], edges: [7], dataset: null, training: 'fast' }));
    expect(parsed.ok ? [] : parsed.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'edges[0]: expected an object, got 7',
      'training: expected an object, got "fast"',
    ]);
  });

  it('has one step from every old version up to the current one', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });

  it('passes a current file through untouched', () => {
    const doc = { schemaVersion: SCHEMA_VERSION, edges: [] };
    expect(migrate(doc)).toEqual({ ok: true, doc, applied: [] });
  });
});
