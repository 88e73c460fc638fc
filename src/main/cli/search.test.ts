import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchDirFor } from './search.ts';
import { netwright } from './testing.ts';


let dir: string;
let xor: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netwright-search-'));
  xor = join(dir, 'xor.nwproj.json');
  expect((await netwright('new', 'xor-mlp', '-o', xor)).code).toBe(0);
  const doc = JSON.parse(await readFile(xor, 'utf8'));
  doc.training.epochs = 6;
  doc.training.validationSplit = 0.25;
  doc.search = {
    method: 'grid',
    trials: 10,
    seed: 1,
    rankBy: 'val_loss',
    validation: { kind: 'holdout' },
    dimensions: [
      { id: 'units', target: { kind: 'layer', nodes: ['dense_1'], param: 'units' }, values: { kind: 'list', items: [2, 6] } },
      { id: 'lr', target: { kind: 'training', setting: 'learningRate' }, values: { kind: 'list', items: [0.05, 0.2] } },
    ],
  };
  await writeFile(xor, JSON.stringify(doc));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('netwright search', () => {
  it("runs the project's search and prints a line per trial and the table, best first", async () => {
    const r = await netwright('search', xor, '--backend', 'cpu');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.filter((l) => /^trial \d \(units = \d, lr = 0\.\d+\): val_loss \d\.\d{3,} in [\d.]+ s/.test(l))).toHaveLength(4);
    const header = lines.findIndex((l) => l.startsWith('#'));
    expect(lines[header].split(/\s{2,}/)).toEqual(['#', 'trial', 'units', 'lr', 'val_loss', 'params', 'time', 'status']);
    const rows = lines.slice(header + 1, header + 5).map((l) => l.trim().split(/\s{2,}/));
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4']);
    const scores = rows.map((r) => Number(r[4]));
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    expect(new Set(rows.map((r) => `${r[2]}/${r[3]}`))).toEqual(new Set(['2/0.05', '2/0.2', '6/0.05', '6/0.2']));
    expect(rows.map((r) => r[5])).toEqual(rows.map((r) => (r[2] === '2' ? '9' : '25')));
    expect(r.out).toMatch(new RegExp(`^Best: trial ${rows[0][1]} \\(units = ${rows[0][2]}, lr = ${rows[0][3].replace('.', '\\.')}\\), val_loss ${rows[0][4]}\\.$`, 'm'));
    // Its runs and record are kept beside the project.
    expect(await readdir(join(searchDirFor(xor), 'runs'))).toHaveLength(4);
    expect(await readdir(join(searchDirFor(xor), 'searches'))).toHaveLength(1);

    // An export now writes the best trial's network and says so.
    const program = join(dir, 'best.ts');
    const exported = await netwright('export', xor, '--ts', program);
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(new RegExp(`^This is the best configuration of the project's search \\(grid search, search [\\w-]+\\): trial ${rows[0][1]} of 4, units = ${rows[0][2]},`, 'm'));
    const code = await readFile(program, 'utf8');
    expect(code.slice(0, 600)).toContain(`trial ${rows[0][1]} of 4, units = ${rows[0][2]}, lr = ${rows[0][3]},`);
    expect(code).toContain(`tf.train.adam(${rows[0][3]})`);
  }, 120_000);

  it('prints JSON events with --json and runs at most --trials trials', async () => {
    const r = await netwright('search', xor, '--backend', 'cpu', '--json', '--trials', '2');
    expect(r.code).toBe(0);
    const events = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual(['fold', 'fold', 'end']);
    expect(events[0]).toMatchObject({ trial: 1, fold: 1, values: { units: 2, lr: 0.05 }, status: 'done', epochs: 6 });
    expect(events[2]).toMatchObject({ status: 'completed', header: ['#', 'trial', 'units', 'lr', 'val_loss', 'params', 'time', 'status'] });
    expect(events[2].rows).toHaveLength(2);
  }, 120_000);

  it('refuses a project without a search, or a search its checks reject, with exit 1; bad flags with 2', async () => {
    const plain = join(dir, 'plain.nwproj.json');
    expect((await netwright('new', 'xor-mlp', '-o', plain)).code).toBe(0);
    const none = await netwright('search', plain);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^error: .*plain\.nwproj\.json has no search/);
    const doc = JSON.parse(await readFile(xor, 'utf8'));
    doc.search.dimensions[0].values.items = [2, -1];
    const bad = join(dir, 'bad.nwproj.json');
    await writeFile(bad, JSON.stringify(doc));
    const refused = await netwright('search', bad);
    expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/^error: units of dense_1: Dense refuses -1/) });
    expect((await netwright('search', xor, '--trials', 'many')).code).toBe(2);
  });
});
