import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingHostEvent } from '../../../shared/protocol/training-api.ts';
import { xorMlp } from '../../../shared/templates/xor-mlp.ts';
import { TrainingHost } from '../training/index.ts';
import { TrainingService } from './service.ts';

/**
 * A stand-in trainer process (plain Node, starts in a blink): it reports
 * loading, then either dies with exit code 3 (FAKE_TRAINER=crash) or waits
 * for a stop. Real trainers are exercised in src/main/serve/training.test.ts.
 */
const FAKE_TRAINER = `
process.on('message', (m) => {
  if (m.type === 'start') {
    process.send({ type: 'status', state: 'loading' });
    if (process.env.FAKE_TRAINER === 'crash') setTimeout(() => process.exit(3), 50);
  }
  if (m.type === 'stop') process.send({ type: 'exit', reason: 'stopped', message: 'Stopped before the first epoch.', epochsCompleted: 0 }, () => process.exit(0));
});
`;

let dir: string;
let entry: string;
const services: TrainingService[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-service-'));
  entry = join(dir, 'fake-trainer.mjs');
  await writeFile(entry, FAKE_TRAINER);
});
afterAll(async () => {
  await Promise.all(services.map((s) => s.stopAll()));
  await rm(dir, { recursive: true, force: true });
});

function service(mode: 'crash' | 'wait', runsDir = join(dir, mode)): TrainingService {
  const s = new TrainingService({ runsDir, host: new TrainingHost({ entry, env: { ...process.env, FAKE_TRAINER: mode } }), log: () => {} });
  services.push(s);
  return s;
}

async function started(s: TrainingService): Promise<string> {
  const result = await s.start({ doc: xorMlp.build(), projectPath: null, epochs: 5 }, dir);
  if (!result.ok) throw new Error(result.message);
  return result.runId;
}

describe('training service', () => {
  it('keeps a run whose trainer crashed in the list, with the reason', async () => {
    const s = service('crash');
    const seen: TrainingHostEvent[] = [];
    s.onEvent((e) => seen.push(e));
    const runId = await started(s);
    await new Promise<void>((resolve) => {
      const check = () => (seen.some((e) => e.event.type === 'exit') ? resolve() : setTimeout(check, 20));
      check();
    });
    // The trainer is gone and its record is final; stop on an ended run is a no-op.
    await s.stop(runId);
    const [line] = await s.list();
    expect(line).toMatchObject({ id: runId, status: 'crashed', message: 'The trainer crashed: it exited with code 3.', hasWeights: false, epochs: 5 });
    expect(seen.map((e) => [e.runId, e.event.type])).toEqual([[runId, 'status'], [runId, 'exit']]);
    const onDisk = JSON.parse(await readFile(join(dir, 'crash', runId, 'run.json'), 'utf8'));
    expect(onDisk).toMatchObject({ format: 2, run: { phase: 'crashed', exit: { message: 'The trainer crashed: it exited with code 3.' } }, settings: { epochs: 5 }, datasetInfo: { inputShape: [2] } });
    expect(await s.predict(runId, [[0, 1]])).toEqual({ ok: false, message: 'This run has no saved weights (it crashed before the model was saved).' });
  });

  it('deletes a run that is still going by stopping it first', async () => {
    const s = service('wait');
    const runId = await started(s);
    expect((await s.list()).map((r) => [r.id, r.status])).toEqual([[runId, 'starting']]);
    expect(await s.predict(runId, [[0, 1]])).toMatchObject({ ok: false, message: expect.stringContaining('still training') });
    await s.delete(runId);
    expect(await s.list()).toEqual([]);
    expect(await s.get(runId)).toBeNull();
    await expect(access(join(dir, 'wait', runId))).rejects.toThrow();
    await expect(s.delete(runId)).rejects.toThrow('no run');
  });

  it('lists a run left going by an earlier host as crashed', async () => {
    const runsDir = join(dir, 'earlier');
    const first = service('wait', runsDir);
    const runId = await started(first);
    // A second service over the same folder in this process stands for the next start of the app.
    const next = service('wait', runsDir);
    const [line] = await next.list();
    expect(line).toMatchObject({ id: runId, status: 'crashed', message: expect.stringContaining('Netwright closed while this run was training') });
  });
});
