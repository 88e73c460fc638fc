import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getTemplate } from '../../../shared/templates/index.ts';
import { defaultConfigDir } from './config-dir.ts';
import { RecentList } from './recent.ts';
import { RecoveryStore } from './recovery.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RecentList', () => {
  it('moves a reopened file to the top instead of listing it twice, and keeps only the newest', async () => {
    const list = new RecentList(dir, 3);
    for (const name of ['a', 'b', 'c', 'd']) await list.add(`/p/${name}.json`, name);
    await list.add('/p/c.json', 'c renamed');
    const reread = await new RecentList(dir, 3).list();
    expect(reread.map((r) => `${r.path} ${r.name}`)).toEqual(['/p/c.json c renamed', '/p/d.json d', '/p/b.json b']);
  });

  it('removes an entry', async () => {
    const list = new RecentList(dir);
    await list.add('/p/a.json', 'a');
    await list.add('/p/b.json', 'b');
    expect((await list.remove('/p/a.json')).map((r) => r.path)).toEqual(['/p/b.json']);
  });

  it('reads a missing or damaged list as empty', async () => {
    expect(await new RecentList(join(dir, 'none')).list()).toEqual([]);
    await writeFile(join(dir, 'recent.json'), '{"recent": [{"path": 3}]}');
    expect(await new RecentList(dir).list()).toEqual([]);
    await writeFile(join(dir, 'recent.json'), 'not json');
    expect(await new RecentList(dir).list()).toEqual([]);
  });
});

describe('RecoveryStore', () => {
  const doc = getTemplate('xor-mlp')!.build();

  it('round-trips unsaved work with its file path and time until discarded', async () => {
    const store = new RecoveryStore(join(dir, 'nested'));
    expect(await store.read()).toBeNull();
    await store.write(doc, '/work/xor.nwproj.json', new Date('2025-01-02T03:04:05Z'));
    expect(await new RecoveryStore(join(dir, 'nested')).read()).toEqual({ doc, path: '/work/xor.nwproj.json', savedAt: '2025-01-02T03:04:05.000Z' });
    await store.write(doc, null);
    expect((await store.read())?.path).toBeNull();
    await store.discard();
    expect(await store.read()).toBeNull();
    await store.discard();
  });

  it('ignores a recovery file that is not one', async () => {
    await mkdir(dir, { recursive: true });
    const store = new RecoveryStore(dir);
    await writeFile(store.file, JSON.stringify({ format: 'netwright-recovery', savedAt: 'x', path: null, doc: { nodes: [] } }));
    expect(await store.read()).toBeNull();
  });
});

describe('defaultConfigDir', () => {
  it('prefers NETWRIGHT_CONFIG_DIR, then the platform convention', () => {
    expect(defaultConfigDir({ NETWRIGHT_CONFIG_DIR: '/tmp/nw' }, 'linux')).toBe('/tmp/nw');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/netwright');
    expect(defaultConfigDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.Netwright$/);
    expect(defaultConfigDir({}, 'darwin')).toMatch(/Library\/Application Support\/Netwright$/);
  });
});
