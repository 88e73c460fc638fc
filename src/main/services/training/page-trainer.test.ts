/**
 * The GPU page for real: the page bundle built by buildTrainerPage, in
 * Debian's Chromium (WebGPU on its software adapter, SwiftShader, since this
 * machine has no GPU), behind the real training host; datasets and saved
 * models go through the host's side of the bridge. The desktop app puts the
 * same page in a hidden Electron window.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../../shared/compile/index.ts';
import type { CompileSpec } from '../../../shared/compile/spec.ts';
import type { TrainingSettings } from '../../../shared/document/schema.ts';
import type { TrainerEvent } from '../../../shared/protocol/trainer.ts';
import { xorMlp } from '../../../shared/templates/xor-mlp.ts';
import { buildTrainerPage } from '../../trainer/page/build.ts';
import { TrainingHost, type StartRequest } from './host.ts';
import { openChromiumPages, type ChromiumPages } from './page-chromium.ts';
import type { TrainingRun } from './run.ts';
import { tinyCnn } from '../../trainer/testing.ts';
import { firstEvent } from './testing.ts';

const compiled = compile(xorMlp.build());
if (!compiled.ok) throw new Error('the XOR template does not compile');
const xor: CompileSpec = compiled.spec;

let dir = '';
let pages: ChromiumPages;
let host: TrainingHost;
const started: TrainingRun[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netwright-page-'));
  await buildTrainerPage(join(dir, 'page'));
  pages = await openChromiumPages(join(dir, 'page'));
  host = new TrainingHost({ launch: pages.launch });
}, 60_000);

afterAll(async () => {
  await Promise.all(started.map((r) => r.stop()));
  await pages?.close();
  await rm(dir, { recursive: true, force: true });
});

function start(settings: Partial<TrainingSettings>, extra: Partial<StartRequest> = {}, on: TrainingHost = host): { run: TrainingRun; events: TrainerEvent[] } {
  const run = on.start({ spec: xor, settings: { ...xor.training, ...settings }, dataset: xor.dataset!, baseDir: dir, ...extra });
  started.push(run);
  const events: TrainerEvent[] = [];
  run.onEvent((e) => events.push(e));
  return { run, events };
}

function of<T extends TrainerEvent['type']>(events: TrainerEvent[], type: T): Extract<TrainerEvent, { type: T }>[] {
  return events.filter((e) => e.type === type) as Extract<TrainerEvent, { type: T }>[];
}

describe("the GPU trainer page in Chromium", () => {
  it("trains with Chromium's WebGPU and follows the cpu trainer process step for step", async () => {
    const settings = { backend: 'webgpu', epochs: 3, seed: 7 } as const;
    const page = start(settings, { options: { saveDir: join(dir, 'xor-model'), snapshotEvery: 0, boundary: false } });
    const nodeHost = new TrainingHost();
    const reference = start({ ...settings, backend: 'cpu' }, { options: { snapshotEvery: 0, boundary: false } }, nodeHost);
    const [exit, refExit] = await Promise.all([page.run.done, reference.run.done]);
    expect(exit).toMatchObject({ reason: 'completed', epochsCompleted: 3 });
    expect(refExit).toMatchObject({ reason: 'completed', epochsCompleted: 3 });
    const ready = of(page.events, 'ready')[0];
    expect(ready).toMatchObject({ backend: 'webgpu', skipped: [] });
    expect(ready.device).toMatch(/WebGPU via Chromium/);
    // Same seed, same shuffles, same initial weights: only float rounding tells a GPU from a CPU.
    const losses = (events: TrainerEvent[]) => of(events, 'epochMetrics').flatMap((e) => e.epochs.map((m) => m.loss));
    const gpu = losses(page.events);
    const cpu = losses(reference.events);
    expect(gpu).toHaveLength(3);
    gpu.forEach((loss, i) => expect(loss).toBeCloseTo(cpu[i], 4));
    // The page has no file system: its host wrote the model, in tfjs' layout.
    const json = JSON.parse(await readFile(join(dir, 'xor-model', 'model.json'), 'utf8'));
    const bin = await readFile(join(dir, 'xor-model', 'weights.bin'));
    expect(bin.byteLength).toBe(ready.params * 4);
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) }));
    expect(model.countParams()).toBe(ready.params);
    model.dispose();
  }, 120_000);

  it('walks its own ladder on auto, reads a CSV through the host and saves what it learned', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => {
      const a = Math.sin(i * 12.9898) * 2;
      const b = Math.cos(i * 78.233) * 2;
      return `${a.toFixed(3)},${b.toFixed(3)},${a > b ? 'above' : 'below'}`;
    });
    await writeFile(join(dir, 'points.csv'), ['a,b,side', ...rows].join('\n'));
    const dataset = { kind: 'csv', path: 'points.csv', target: 'side', scaling: 'none', task: 'classification', testRatio: 0.2 } as const;
    const { run, events } = start({ backend: 'auto', epochs: 40, learningRate: 0.05 }, { dataset, options: { saveDir: join(dir, 'csv-model') } });
    const exit = await run.done;
    expect(exit.reason).toBe('completed');
    const ready = of(events, 'ready')[0];
    expect(ready.backend).toBe('wasm');
    // No convolution to spread over threads.
    expect(ready.device).toBe('CPU (WebAssembly SIMD, one thread: threads only speed up convolutions, in the GPU page)');
    expect(ready.dataset).toMatchObject({ trainCount: 160, testCount: 40, classNames: ['above', 'below'] });
    // Why each earlier rung was passed over: native TensorFlow cannot live in a page, and a software adapter is slower than wasm.
    expect(ready.skipped.map((s) => s.backend)).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow']);
    expect(ready.skipped[1].reason).toMatch(/software adapter .*swiftshader/i);
    expect(of(events, 'evaluation')[0].metrics.accuracy).toBeGreaterThan(0.9);
    expect(of(events, 'savedModel')[0].files.map((f) => f.split(/[\\/]/).pop())).toEqual(['model.json', 'weights.bin']);
  }, 120_000);

  it('trains a CNN on wasm threads: the page is cross-origin isolated', async () => {
    const cnn = tinyCnn();
    const run = host.start({ spec: cnn.spec, settings: { ...cnn.spec.training, backend: 'wasm', epochs: 3, batchSize: 4 }, dataset: cnn.dataset, baseDir: dir });
    const events: TrainerEvent[] = [];
    run.onEvent((e) => events.push(e));
    expect((await run.done).reason).toBe('completed');
    const cores = availableParallelism();
    expect(of(events, 'ready')[0].device).toBe(cores > 1 ? `CPU (WebAssembly SIMD, ${cores} threads, in the GPU page)` : 'CPU (WebAssembly SIMD, one thread: one core, in the GPU page)');
    expect(of(events, 'epochMetrics').flatMap((e) => e.epochs)).toHaveLength(3);
  }, 60_000);

  it('shows a broken CSV as the dataset service words it, with its line', async () => {
    await writeFile(join(dir, 'broken.csv'), 'a,b,side\n1,2,above\n3,4\n5,6,below\n');
    const dataset = { kind: 'csv', path: 'broken.csv', target: 'side', scaling: 'none', task: 'classification', testRatio: 0 } as const;
    const { run, events } = start({ backend: 'cpu', epochs: 1 }, { dataset });
    const exit = await run.done;
    expect(exit.reason).toBe('failed');
    expect(exit.message).toMatch(/^broken\.csv.*line 3/);
    expect(of(events, 'ready')).toHaveLength(0);
  }, 60_000);

  it('stops within a second, and a page that hangs is ended once its heartbeats stop', async () => {
    const a = start({ backend: 'wasm', epochs: 100_000 });
    await firstEvent(a.run, 'epochMetrics');
    const asked = performance.now();
    const exit = await a.run.stop();
    expect(performance.now() - asked).toBeLessThan(1000);
    expect(exit.reason).toBe('stopped');

    const b = start({ backend: 'wasm', epochs: 100_000 });
    await firstEvent(b.run, 'epochMetrics');
    b.run.crash('hang');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const hung = await b.run.stop();
    expect(hung).toMatchObject({ reason: 'stopped', message: expect.stringContaining('was ended') });
  }, 60_000);

  it('reports a renderer crash as such, and the next run still trains', async () => {
    const { run } = start({ backend: 'wasm', epochs: 100_000 });
    await firstEvent(run, 'epochMetrics');
    void pages.latestPage()!.goto('chrome://crash').catch(() => {});
    const exit = await run.done;
    expect(exit).toMatchObject({ reason: 'crashed', message: expect.stringContaining("the GPU page's renderer crashed") });
    expect(exit.epochsCompleted).toBeGreaterThan(0);
    const next = start({ backend: 'wasm', epochs: 2 });
    expect((await next.run.done).reason).toBe('completed');
  }, 60_000);
});
