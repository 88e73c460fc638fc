import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelDirFor } from './train.ts';
import { netwright } from './testing.ts';


let dir: string;
let xor: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netwright-train-'));
  xor = join(dir, 'xor.nwproj.json');
  expect((await netwright('new', 'xor-mlp', '-o', xor)).code).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('netwright train', () => {
  it('trains, prints a line per epoch and the test evaluation, and saves beside the project', async () => {
    const r = await netwright('train', xor, '--epochs', '3', '--backend', 'cpu');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Training on cpu: CPU \(plain JavaScript, one thread\)$/m);
    expect(r.out.match(/^Epoch \d\/3 {2}loss \d\.\d{4} {2}accuracy \d\.\d{4} {2}\(\d+\.\ds\)$/gm)).toHaveLength(3);
    expect(r.out).toMatch(/^Test \(40 samples\): loss \d\.\d{4} {2}accuracy \d\.\d{4}$/m);
    expect(r.out).toMatch(/^0 false +\d+ +\d+ +\d+\.\d%$/m);
    expect(r.out).toContain(`Saved the model to ${join(dir, 'xor.model')} (model.json, weights.bin;`);
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^Completed 3 epoch\(s\) in [\d.]+ s\.$/);
    const model = JSON.parse(await readFile(join(dir, 'xor.model', 'model.json'), 'utf8'));
    expect(model.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual(['dense_1/kernel', 'dense_1/bias', 'dense_2/kernel', 'dense_2/bias']);
  });

  it('prints one JSON event per line with --json, and saves nothing with --no-save', async () => {
    const other = join(dir, 'other.nwproj.json');
    await writeFile(other, await readFile(xor));
    const r = await netwright('train', other, '--epochs', '2', '--json', '--no-save', '--backend', 'cpu');
    expect(r.code).toBe(0);
    const events = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ready', 'progress', 'epochMetrics', 'evaluation', 'exit']));
    expect(events.at(-1)).toMatchObject({ type: 'exit', reason: 'completed', epochsCompleted: 2 });
    await expect(access(modelDirFor(other))).rejects.toThrow();
  });

  it('rejects a bad file or flag with one line and exit code 2', async () => {
    const missing = await netwright('train', join(dir, 'missing.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`netwright train: ${join(dir, 'missing.json')}: no such file\n`);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "format": "netwright-project", ');
    expect((await netwright('train', broken)).code).toBe(2);
    const epochs = await netwright('train', xor, '--epochs', 'ten');
    expect(epochs).toMatchObject({ code: 2, err: 'netwright train: --epochs needs a whole number from 1 to 100000, not "ten"\n' });
    expect((await netwright('train', xor, '--backend', 'tpu')).code).toBe(2);
  });

  it('prints the diagnostics of a project with errors and exits with 1', async () => {
    const doc = JSON.parse(await readFile(xor, 'utf8'));
    const [, hidden, output] = doc.nodes.map((n: { id: string }) => n.id);
    doc.edges.push({ id: 'loop', source: output, target: hidden, targetPort: 1 });
    const bad = join(dir, 'loop.nwproj.json');
    await writeFile(bad, JSON.stringify(doc));
    const r = await netwright('train', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: The connections dense_2 → dense_1 form a loop/m);
    expect(r.out).toBe('');
  });

  it('exits 1 with the alert when the loss diverges (Adam at learning rate 10 on XOR), instead of reporting a completed run', async () => {
    const doc = JSON.parse(await readFile(xor, 'utf8'));
    doc.training.learningRate = 10;
    const fast = join(dir, 'too-fast.nwproj.json');
    await writeFile(fast, JSON.stringify(doc));
    const r = await netwright('train', fast, '--backend', 'cpu', '--no-save');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: The training loss is diverging: over the last 4 epochs it rose 3 times, from 4\.\d+ to 7\.\d+, .* so training stopped after epoch 5\. Lower the learning rate \(now 10; try 1\)/m);
    expect(r.out).not.toMatch(/^Completed/m);
    expect(r.out.match(/^Epoch \d+\/60 /gm)).toHaveLength(5);
  });

  it('refuses a network the machine cannot hold before starting a trainer, as the app does (exit 1)', async () => {
    const doc = JSON.parse(await readFile(xor, 'utf8'));
    // Input [4096] → Dense(65,536): one batch of outputs and their gradients outgrows this machine by 10 %.
    const [input, hidden] = doc.nodes;
    input.params.shape = [4096];
    hidden.params.units = 65_536;
    doc.training.batchSize = Math.ceil((totalmem() * 1.1) / (8 * (4096 + 65_536 + 1)));
    const big = join(dir, 'big.nwproj.json');
    await writeFile(big, JSON.stringify(doc));
    const r = await netwright('train', big, '--backend', 'cpu', '--no-save');
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toMatch(new RegExp(`^error: Training needs about [\\d.]+ GB but this machine has [\\d.]+ GB: lower the batch size \\(${doc.training.batchSize}\\)\\.\\n$`));
  });

  it('names the model folder after the project file', () => {
    expect(modelDirFor('/p/xor.nwproj.json')).toBe('/p/xor.model');
    expect(modelDirFor('/p/net.json')).toBe('/p/net.model');
  });
});
