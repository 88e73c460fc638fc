import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PULSE_PREFIX } from '../../../shared/protocol/trainer.ts';
import { xorMlp } from '../../../shared/templates/xor-mlp.ts';
import { slowBatchesDoc, specOf } from '../../trainer/testing.ts';
import { TrainingService } from '../runs/service.ts';
import { Liveness, PulseReader } from './liveness.ts';
import { TrainingHost } from './host.ts';
import { firstEvent } from './testing.ts';
import type { TrainingRun } from './run.ts';

describe('PulseReader', () => {
  it('takes the pulse lines out of the trainer output, also split across chunks or inside a long line', () => {
    const r = new PulseReader();
    expect(r.read(`${PULSE_PREFIX}1500\nwarning: slow\n${PULSE_PREFIX}25`)).toEqual({ text: 'warning: slow\n', cpu: [1500] });
    expect(r.read(`00\nError: a long li${PULSE_PREFIX}3000\nne of a stack trace\n`)).toEqual({ text: 'Error: a long line of a stack trace\n', cpu: [2500, 3000] });
    expect(r.read('no newline yet')).toEqual({ text: '', cpu: [] });
    expect(r.flush()).toBe('no newline yet');
  });
});

describe('Liveness', () => {
  function clock() {
    let t = 0;
    const frozen: number[] = [];
    const live = new Liveness(4000, (silent) => frozen.push(silent), () => t);
    /** Advances time in checks of 500 ms, calling `each` before every check. */
    const pass = (ms: number, each: () => void = () => {}) => {
      for (let left = ms; left > 0; left -= 500) {
        t += 500;
        each();
        live.check();
      }
    };
    return { live, frozen, pass, cpu: { used: 0 } };
  }

  it('judges nothing before the first sign of life', () => {
    const { live, frozen, pass } = clock();
    pass(20_000);
    expect(live.armed).toBe(false);
    expect(frozen).toEqual([]);
  });

  it('keeps a trainer alive through a long batch while its pulse shows CPU time, and calls it frozen when the pulse stops', () => {
    const { live, frozen, pass, cpu } = clock();
    live.message();
    // A 30 s batch: no message, but one core busy.
    pass(30_000, () => live.pulse((cpu.used += 500_000)));
    expect(frozen).toEqual([]);
    // Suspended (SIGSTOP): nothing at all.
    pass(4000);
    expect(frozen).toEqual([]);
    pass(500);
    expect(frozen).toEqual([4500]);
  });

  it('calls a trainer whose pulse goes on without CPU time (deadlocked) frozen, and heartbeats keep an idle one alive', () => {
    const idle = clock();
    idle.live.message();
    idle.pass(20_000, () => (idle.live.message(), idle.live.pulse(100)));
    expect(idle.frozen).toEqual([]);
    const stuck = clock();
    stuck.live.message();
    stuck.pass(5000, () => stuck.live.pulse((stuck.cpu.used += 50)));
    expect(stuck.frozen).toHaveLength(1);
  });
});

let dir: string;
const runs: TrainingRun[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-liveness-'));
});
afterAll(async () => {
  await Promise.all(runs.map((r) => r.kill()));
  await rm(dir, { recursive: true, force: true });
});

const TIMEOUT_MS = 1500;

describe('a trainer that computes for a long time, or has stopped answering (real trainer processes)', () => {
  it('waits for a batch longer than the heartbeat timeout when stopped, then saves it, and the record says which weights', async () => {
    // About 5 s a batch on the 2-core CI machine: far longer than the timeout, with no heartbeat from the trainer's event loop meanwhile.
    const service = new TrainingService({ runsDir: join(dir, 'runs'), host: new TrainingHost({ heartbeatTimeoutMs: TIMEOUT_MS }), log: () => {} });
    const doc = slowBatchesDoc({ units: 352 });
    const started = await service.start({ doc, projectPath: null }, dir);
    if (!started.ok) throw new Error(started.message);
    const phases: [string, number][] = [];
    service.onEvent(({ event }) => event.type === 'status' && phases.push([event.state, performance.now()]));
    // The first batch starts as the trainer reports "running": the stop reaches it mid-batch.
    while (!phases.some(([s]) => s === 'running')) await new Promise((r) => setTimeout(r, 10));
    const asked = performance.now();
    await service.stop(started.runId);
    const record = await service.get(started.runId);
    expect(record?.run).toMatchObject({ phase: 'stopped', hasWeights: true, savedWeights: { step: 1, epoch: 1, batch: 1, batchesPerEpoch: 2 } });
    expect(record?.run.exit?.message).toBe('Stopped after epoch 1, batch 1 of 2 (step 1); saved the model with the weights of that step.');
    await access(join(service.store.modelDir(started.runId), 'weights.bin'));
    const line = (await service.list()).find((s) => s.id === started.runId);
    expect(line).toMatchObject({ status: 'stopped', hasWeights: true });
    expect(phases.map(([s]) => s)).toEqual(['loading', 'running', 'stopping', 'saving']);
    // The batch outlasted the timeout (plus a pulse) and the host did not take it for a freeze.
    const stopping = phases.find(([s]) => s === 'stopping')!;
    expect(stopping[1] - asked).toBeGreaterThan(TIMEOUT_MS + 500);
  }, 30_000);

  it('reports a trainer frozen with SIGSTOP within the timeout, ends it, and says what happened', async () => {
    const spec = specOf(xorMlp.build());
    const run = new TrainingHost({ heartbeatTimeoutMs: TIMEOUT_MS }).start({ spec, settings: { ...spec.training, backend: 'cpu', epochs: 100_000 }, dataset: spec.dataset!, baseDir: '.' });
    runs.push(run);
    await firstEvent(run, 'epochMetrics');
    process.kill(run.pid!, 'SIGSTOP');
    const frozenAt = performance.now();
    const exit = await run.done;
    const took = performance.now() - frozenAt;
    expect(took).toBeGreaterThan(TIMEOUT_MS - 600);
    expect(took).toBeLessThan(TIMEOUT_MS + 1500);
    expect(exit.reason).toBe('crashed');
    expect(exit.message).toMatch(/^The trainer stopped responding: no heartbeat and no computing for \d+(\.\d)? s \(its process may be suspended, e\.g\. by SIGSTOP, or deadlocked\), so it was ended\.$/);
    expect(run.state).toMatchObject({ phase: 'crashed', exit });
    expect(() => process.kill(run.pid!, 0)).toThrow();
  }, 20_000);
});
