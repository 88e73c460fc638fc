/**
 * The host refuses to start a run the machine cannot hold, with the words the
 * Summary shows, and reports the machine's memory to the UI.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../shared/document/builder.ts';
import type { ApiMethods } from '../../../shared/protocol/api.ts';
import { ProjectService } from '../projects/index.ts';
import { TrainingService } from '../runs/index.ts';
import { createHostMethods, IN_APP_DIALOGS, NO_WINDOW } from './methods.ts';
import { RootPolicy } from './paths.ts';

let dir: string;
let methods: ApiMethods;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-memory-'));
  methods = createHostMethods({
    info: { kind: 'browser', nativeDialogs: false, platform: 'linux', version: 'test', root: dir },
    projects: new ProjectService(join(dir, 'config')),
    paths: new RootPolicy(dir),
    dialogs: IN_APP_DIALOGS,
    window: NO_WINDOW,
    training: new TrainingService({ runsDir: join(dir, 'config', 'runs') }),
  });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Input [width] → Dense(units) → Dense(1) on the XOR set (never trained here). */
function wide(width: number, units: number) {
  const b = new GraphBuilder('Wide');
  b.sequence(b.add('Input', { shape: [width] }), [['Dense', { units }], ['Dense', { units: 1, activation: 'sigmoid' }]]);
  return b.withDataset({ kind: 'generated', name: 'xor', samples: 40, noise: 0, trainRatio: 0.8, seed: 1 }).withTraining({ loss: 'binaryCrossentropy', optimizer: 'adam' }).build();
}

describe('training memory on the host', () => {
  it('tells the UI how much memory the machine has', async () => {
    expect((await methods.hostInfo()).memory).toBe(totalmem());
  });

  it('refuses a network that needs more than the machine has, before any trainer starts', async () => {
    // One batch of the widest layer Netwright builds (65,536 units) outgrows the machine: each sample keeps
    // 8 bytes per value (its output and that output's gradient) of the Input, the Dense layer and the output.
    const width = 4096;
    const units = 65_536;
    const batchSize = Math.ceil((totalmem() * 1.1) / (8 * (width + units + 1)));
    const built = wide(width, units);
    const doc = { ...built, training: { ...built.training, batchSize }, dataset: null };
    const result = await methods.startTraining({ doc, projectPath: null });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(new RegExp(`^Training needs about [\\d.]+ GB but this machine has [\\d.]+ GB: lower the batch size \\(${batchSize}\\)\\.$`));
    expect(await readdir(join(dir, 'config', 'runs')).catch(() => [])).toEqual([]);
  });

  it('lets a small network through to the dataset checks', async () => {
    const result = await methods.startTraining({ doc: wide(2, 4), projectPath: null });
    // The XOR set has 2 inputs, so this one starts.
    expect(result).toMatchObject({ ok: true });
    if (result.ok) await methods.stopTraining(result.runId);
  });
});
