import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument, SCHEMA_VERSION } from '../../../shared/document/index.ts';
import { getTemplate } from '../../../shared/templates/index.ts';
import { ProjectService } from './service.ts';

let dir: string;
let projects: ProjectService;
const doc = getTemplate('xor-mlp')!.build();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-projects-'));
  projects = new ProjectService(join(dir, 'config'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ProjectService', () => {
  it('saves a project that opens to the same graph and stamps the save time', async () => {
    const file = join(dir, 'xor.nwproj.json');
    expect(await projects.save(file, doc)).toEqual({ ok: true, path: file });
    const opened = await projects.open(file);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.doc.nodes).toEqual(doc.nodes);
    expect(opened.doc.edges).toEqual(doc.edges);
    expect(opened.migrated).toEqual([]);
    expect(Date.parse(opened.doc.meta.modified!)).toBeGreaterThan(Date.now() - 60_000);
    expect((await readFile(file, 'utf8')).endsWith('}\n')).toBe(true);
  });

  it('names the file and the field when a project is malformed', async () => {
    const file = join(dir, 'broken.nwproj.json');
    const bad = JSON.parse(serializeDocument(doc));
    bad.nodes[1].id = '';
    await writeFile(file, JSON.stringify(bad));
    const opened = await projects.open(file);
    expect(opened).toEqual({ ok: false, message: 'broken.nwproj.json is not a valid Netwright project: nodes[1].id: expected a non-empty string, got ""' });
  });

  it('says a newer Netwright is needed for a file from the future', async () => {
    const file = join(dir, 'future.json');
    await writeFile(file, JSON.stringify({ ...doc, schemaVersion: SCHEMA_VERSION + 1 }));
    const opened = await projects.open(file);
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.message).toMatch(/^future\.json is not a valid Netwright project: schemaVersion: .*newer Netwright.*Update Netwright/);
  });

  it('reports text that is not JSON, a missing file and a folder in plain words', async () => {
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await mkdir(join(dir, 'folder.json'));
    const notJson = await projects.open(join(dir, 'notes.txt'));
    expect(!notJson.ok && notJson.message).toMatch(/^notes\.txt is not a valid Netwright project: not valid JSON/);
    expect(await projects.open(join(dir, 'nope.json'))).toEqual({ ok: false, message: 'Cannot open nope.json: no such file or folder.' });
    expect(await projects.open(join(dir, 'folder.json'))).toEqual({ ok: false, message: 'folder.json is a folder, not a project file.' });
  });

  it('parses dropped text, byte-order mark included, and upgrades old formats', () => {
    const v1 = { ...JSON.parse(serializeDocument(doc)), schemaVersion: 1 };
    for (const e of v1.edges) delete e.targetPort;
    delete v1.training.schedule;
    const parsed = projects.parseText('old.json', '\ufeff' + JSON.stringify(v1));
    expect(parsed.ok && parsed.migrated.length).toBe(3);
    expect(parsed.ok && parsed.doc.edges.map((e) => e.targetPort)).toEqual([0, 0]);
    expect(projects.parseText('x.json', '{"format":"something-else"}')).toMatchObject({ ok: false, message: expect.stringMatching(/^x\.json .*not a Netwright project file/) });
  });

  it('leaves the previous file intact when a save fails', async () => {
    const file = join(dir, 'kept.json');
    await projects.save(file, doc);
    const before = await readFile(file, 'utf8');
    const failed = await projects.save(join(dir, 'no-such-folder', 'kept.json'), doc);
    expect(failed).toEqual({ ok: false, message: 'Cannot save kept.json: no such file or folder.' });
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(parseDocument(before).ok).toBe(true);
  });

  it('keeps opened and saved files in the recent list, newest first', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    await projects.save(a, doc);
    await projects.save(b, { ...doc, meta: { ...doc.meta, name: 'B' } });
    await projects.open(a);
    const recent = await new ProjectService(join(dir, 'config')).listRecent();
    expect(recent.map((r) => [r.path, r.name])).toEqual([
      [a, 'XOR MLP'],
      [b, 'B'],
    ]);
  });
});
