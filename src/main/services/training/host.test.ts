import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../../shared/compile/index.ts';
import { xorMlp } from '../../../shared/templates/xor-mlp.ts';
import { TrainingHost } from './host.ts';
import type { TrainingRun } from './run.ts';
import { tinyCnn } from '../../trainer/testing.ts';
import { firstEvent } from './testing.ts';

const compiled = compile(xorMlp.build());
if (!compiled.ok) throw new Error('the XOR template does not compile');
const spec = compiled.spec;
const host = new TrainingHost();
const deadlockHost = new TrainingHost({ heartbeatTimeoutMs: 1500 });
const started: TrainingRun[] = [];
afterAll(() => Promise.all(started.map((r) => r.stop())));

function start(epochs: number): TrainingRun {
  const run = host.start({ spec, settings: { ...spec.training, backend: 'cpu', epochs }, dataset: spec.dataset!, baseDir: '.' });
  started.push(run);
  return run;
}

describe('training host with real trainer processes', () => {
  it('runs a trainer process to completion and forwards its events', async () => {
    const run = start(5);
    const types: string[] = [];
    run.onEvent((e) => types.push(e.type));
    const exit = await run.done;
    expect(exit).toMatchObject({ reason: 'completed', epochsCompleted: 5 });
    expect(types.filter((t) => t !== 'log')).toEqual(expect.arrayContaining(['status', 'ready', 'progress', 'epochMetrics', 'evaluation', 'exit']));
    expect(types.at(-1)).toBe('exit');
    expect(run.state).toMatchObject({ phase: 'completed', exit, ready: { backend: 'cpu' }, epochsCompleted: 5 });
    expect(run.id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/);
  });

  it('stops a run within a second', async () => {
    const run = start(100_000);
    await firstEvent(run, 'epochMetrics');
    const asked = performance.now();
    const exit = await run.stop();
    expect(performance.now() - asked).toBeLessThan(1000);
    expect(exit.reason).toBe('stopped');
  });

  it('reports a trainer that exits with an error code as crashed, and keeps working', async () => {
    const run = start(100_000);
    await firstEvent(run, 'epochMetrics');
    run.crash('exit');
    const exit = await run.done;
    expect(exit).toMatchObject({ reason: 'crashed', message: 'The trainer crashed: it exited with code 3.' });
    expect(exit.epochsCompleted).toBeGreaterThan(0);
    const next = await start(2).done;
    expect(next.reason).toBe('completed');
  });

  it('explains a trainer killed by a signal and one that threw', async () => {
    const killed = start(100_000);
    await firstEvent(killed, 'ready');
    killed.crash('signal');
    expect((await killed.done).message).toMatch(/^The trainer was killed \(SIGKILL\)\. The system may have run out of memory/);
    const threw = start(100_000);
    await firstEvent(threw, 'ready');
    threw.crash('throw');
    expect((await threw.done).message).toBe('The trainer crashed: it exited with code 1. Last message: Error: crash requested by the host (test)');
  });

  it('ends a deadlocked trainer (its pulse goes on, its CPU time does not) once the heartbeat timeout passes, and calls that stopped after a stop', async () => {
    const run = deadlockHost.start({ spec, settings: { ...spec.training, backend: 'cpu', epochs: 100_000 }, dataset: spec.dataset!, baseDir: '.' });
    started.push(run);
    await firstEvent(run, 'epochMetrics');
    run.crash('hang');
    await new Promise((r) => setTimeout(r, 100));
    const asked = performance.now();
    const exit = await run.stop();
    const took = performance.now() - asked;
    expect(took).toBeGreaterThan(1500 - 700);
    expect(took).toBeLessThan(1500 + 1500);
    expect(exit.reason).toBe('stopped');
    expect(exit.message).toMatch(/^Stopped before it saved the model; the trainer stopped responding: no heartbeat and no computing for [\d.]+ s \(its process may be suspended, e\.g\. by SIGSTOP, or deadlocked\), so it was ended\.$/);
  });
});

describe('the trainer behind a parentPort, as in the desktop app (utilityProcess)', () => {
  it('takes commands and sends events through process.parentPort when Node IPC is absent', async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const shim = new URL('./parent-port-shim.ts', import.meta.url).href;
    const portHost = new TrainingHost({ execArgv: ['--import', tsx, '--import', shim] });
    const run = portHost.start({ spec, settings: { ...spec.training, backend: 'cpu', epochs: 3 }, dataset: spec.dataset!, baseDir: '.' });
    const exit = await run.done;
    expect(exit).toMatchObject({ reason: 'completed', epochsCompleted: 3 });
    expect(run.state.epochsCompleted).toBe(3);
  });
});

describe('wasm threads follow the model: each run is a trainer process of its own', () => {
  it('spreads a CNN over every core and keeps an MLP on one thread', async () => {
    const cnn = tinyCnn();
    const images = host.start({ spec: cnn.spec, settings: { ...cnn.spec.training, backend: 'wasm', epochs: 2, batchSize: 4 }, dataset: cnn.dataset, baseDir: '.' });
    expect((await images.done).reason).toBe('completed');
    const cores = availableParallelism();
    expect(images.state.ready?.device).toBe(cores > 1 ? `CPU (WebAssembly SIMD, ${cores} threads)` : 'CPU (WebAssembly SIMD, one thread: one core)');
    const xor = host.start({ spec, settings: { ...spec.training, backend: 'wasm', epochs: 2 }, dataset: spec.dataset!, baseDir: '.' });
    expect((await xor.done).reason).toBe('completed');
    expect(xor.state.ready?.device).toBe('CPU (WebAssembly SIMD, one thread: threads only speed up convolutions)');
  });
});
