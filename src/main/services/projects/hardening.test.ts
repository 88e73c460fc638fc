import { lstat, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeDocument, type GraphDoc } from '../../../shared/document/index.ts';
import { getTemplate } from '../../../shared/templates/index.ts';
import { STALE_TEMP_MS, sweepStaleTemps, tempPathFor, writeFileAtomic } from './atomic-write.ts';
import { ProjectService } from './service.ts';

let dir: string;
let projects: ProjectService;
const doc = getTemplate('xor-mlp')!.build();
const named = (name: string): GraphDoc => ({ ...doc, meta: { ...doc.meta, name } });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-hardening-'));
  projects = new ProjectService(join(dir, 'config'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saving', () => {
  it('applies five saves sent at once in the order they were sent, in each of 20 rounds', async () => {
    const file = join(dir, 'race.nwproj.json');
    const last: string[] = [];
    for (let round = 0; round < 20; round++) {
      const results = await Promise.all([1, 2, 3, 4, 5].map((k) => projects.save(file, named(`round ${round} save ${k}`))));
      expect(results.every((r) => r.ok)).toBe(true);
      last.push(JSON.parse(await readFile(file, 'utf8')).meta.name);
    }
    expect(last).toEqual(Array.from({ length: 20 }, (_, round) => `round ${round} save 5`));
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the order of writes to one path even when an earlier one fails', async () => {
    const file = join(dir, 'a.txt');
    const writes = [writeFileAtomic(file, 'one'), writeFileAtomic(join(dir, 'missing', 'a.txt'), 'x'), writeFileAtomic(file, 'two')];
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await readFile(file, 'utf8')).toBe('two');
  });

  it('writes into a device or pipe (a link to /dev/null here) instead of renaming a file over its name', async () => {
    const link = join(dir, 'to-null');
    await symlink('/dev/null', link);
    await writeFileAtomic(link, 'discarded');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('/dev/null');
    expect((await stat('/dev/null')).isCharacterDevice()).toBe(true);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to write a document that would not open again, naming the field', async () => {
    const bad = { ...doc, nodes: [{ ...doc.nodes[0], id: '' }, ...doc.nodes.slice(1)] };
    expect(await projects.save(join(dir, 'bad.json'), bad)).toEqual({ ok: false, message: 'Cannot save bad.json: the project is not valid: nodes[0].id: expected a non-empty string, got ""' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('temp files of interrupted saves', () => {
  it('are swept from a folder when it is next written to, if they are ours and stale', async () => {
    const file = join(dir, 'project.nwproj.json');
    const stale = tempPathFor(file);
    const fresh = tempPathFor(join(dir, 'other.json'));
    const foreign = join(dir, '.nw-notes.tmp');
    for (const path of [stale, fresh, foreign]) await writeFile(path, 'left over');
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    for (const path of [stale, foreign]) await utimes(path, old, old);
    await projects.save(file, doc);
    expect((await readdir(dir)).sort()).toEqual([foreign, fresh, file, join(dir, 'config')].map((p) => p.slice(dir.length + 1)).sort());
  });

  it('are swept from the config folder too, and a sweep never throws', async () => {
    const config = join(dir, 'config');
    await projects.recovery.write(doc, null);
    const leftover = tempPathFor(join(config, 'recovery.json'));
    await writeFile(leftover, 'x');
    await sweepStaleTemps(config, { now: Date.now() + 2 * STALE_TEMP_MS, force: true });
    expect(await readdir(config)).toEqual(['recovery.json']);
    await expect(sweepStaleTemps(join(dir, 'no-such-folder'), { force: true })).resolves.toBeUndefined();
  });
});

describe('opening', () => {
  it('refuses invalid UTF-8 rather than replacing it', async () => {
    const file = join(dir, 'latin1.nwproj.json');
    const bytes = Buffer.from(serializeDocument(doc).replace('XOR MLP', 'XOR @MLP'));
    bytes[bytes.indexOf('@')] = 0xe9;
    await writeFile(file, bytes);
    expect(await projects.open(file)).toEqual({ ok: false, message: 'latin1.nwproj.json is not a valid Netwright project: not UTF-8 text (the first bad byte is on line 5): save the file as UTF-8' });
  });

  it('accepts a byte-order mark', async () => {
    const file = join(dir, 'bom.nwproj.json');
    await writeFile(file, '\ufeff' + serializeDocument(doc));
    expect(await projects.open(file)).toMatchObject({ ok: true });
  });

  it('refuses something that is not a regular file instead of reading it forever', async () => {
    expect(await projects.open('/dev/zero')).toEqual({ ok: false, message: 'zero is not a regular file, not a project file.' });
  });
});
