/**
 * Training through the browser-mode host, end to end: real `netwright serve`,
 * real WebSocket, real trainer processes, runs recorded under the server's
 * own config dir.
 */
import { access, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiMethods, HostEvent, ServerFrame } from '../../shared/protocol/api.ts';
import type { TrainerEvent } from '../../shared/protocol/trainer.ts';
import { mergeEpochs, thinItems } from '../../shared/run/index.ts';
import type { RunRecord, RunSummary } from '../../shared/protocol/training-api.ts';
import { xorMlp } from '../../shared/templates/xor-mlp.ts';
import { startServer, type RunningServer } from '../serve.ts';

let dir: string;
let server: RunningServer;
let ws: WebSocket;
let nextId = 1;
/** Every training event received, by run id. */
const events = new Map<string, TrainerEvent[]>();
const waiters: { runId: string; test: (e: TrainerEvent) => boolean; resolve: (e: TrainerEvent) => void }[] = [];

const xor = xorMlp.build();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-serve-train-'));
  await mkdir(join(dir, 'root'));
  server = await startServer({ port: 0, host: '127.0.0.1', root: join(dir, 'root'), webDir: join(dir, 'web'), configDir: join(dir, 'config'), log: () => {} });
  ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { headers: { Origin: `http://127.0.0.1:${server.port}` } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (frame.type !== 'event') return;
    const event: HostEvent = frame.event;
    if (event.type !== 'training') return;
    const list = events.get(event.runId) ?? [];
    list.push(event.event);
    events.set(event.runId, list);
    for (const w of waiters.filter((w) => w.runId === event.runId && w.test(event.event))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(event.event);
    }
  });
});
afterAll(async () => {
  ws?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** One API call over the socket; a rejected call throws its message. */
function call<M extends keyof ApiMethods>(method: M, ...args: Parameters<ApiMethods[M]>): Promise<Awaited<ReturnType<ApiMethods[M]>>> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.type === 'event' || frame.id !== id) return;
      ws.off('message', onMessage);
      if (frame.type === 'result') resolve(frame.value as Awaited<ReturnType<ApiMethods[M]>>);
      else reject(new Error(`${frame.error.code}: ${frame.error.message}`));
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, method, args }));
  });
}

/** Resolves with the first event of the run that passes `test`, including one already received. */
function waitFor(runId: string, test: (e: TrainerEvent) => boolean): Promise<TrainerEvent> {
  const seen = events.get(runId)?.find(test);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => waiters.push({ runId, test, resolve }));
}

async function start(epochs?: number): Promise<string> {
  const result = await call('startTraining', { doc: xor, projectPath: null, backend: 'cpu', ...(epochs ? { epochs } : {}) });
  if (!result.ok) throw new Error(result.message);
  return result.runId;
}

describe('training over the browser-mode host', () => {
  it('trains XOR, streams its events, records it and predicts with its weights', async () => {
    const runId = await start();
    const exit = await waitFor(runId, (e) => e.type === 'exit');
    expect(exit).toMatchObject({ reason: 'completed', epochsCompleted: 60 });
    const types = new Set(events.get(runId)!.map((e) => e.type));
    for (const t of ['ready', 'status', 'progress', 'batchMetrics', 'epochMetrics', 'evaluation', 'savedModel', 'exit']) expect(types).toContain(t);

    const [line] = (await call('listRuns')) as RunSummary[];
    expect(line).toMatchObject({ id: runId, title: 'XOR MLP', status: 'completed', epochsCompleted: 60, epochs: 60, backend: 'cpu', hasWeights: true, endedAt: expect.any(String) });
    expect(line.test?.metrics.accuracy).toBeGreaterThan(0.9);

    const record = (await call('getRun', runId)) as RunRecord;
    const epochs = thinItems(record.run.epochs, mergeEpochs);
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0].loss);
    expect(record.run.batches.kept.length).toBeGreaterThan(10);
    expect(record.run.evaluation?.confusion).toHaveLength(2);
    expect(record.run.snapshot?.layers.map((l) => l.className)).toContain('Dense');
    // Layers are known by their graph node, not their name.
    expect(record.run.layers.map((l) => l.nodeId).every((id) => xor.nodes.some((n) => n.id === id))).toBe(true);
    expect(record.run.boundary).toMatchObject({ numClasses: 2, size: expect.any(Number) });
    expect(record.doc.nodes).toEqual(xor.nodes);
    expect(record.settings).toMatchObject({ backend: 'cpu', epochs: 60 });

    const predicted = await call('predict', runId, [[0, 0], [0, 1], [1, 0], [1, 1]]);
    if (!predicted.ok) throw new Error(predicted.message);
    // predict waited for the run's last record to reach the disk.
    const onDisk = JSON.parse(await readFile(join(dir, 'config', 'runs', runId, 'run.json'), 'utf8'));
    expect(onDisk).toMatchObject({ id: runId, run: { phase: 'completed', hasWeights: true } });
    expect(predicted.outputs.map(([p]) => (p > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
    expect(await call('predict', runId, [[0, 0, 0]])).toEqual({ ok: false, message: 'Input row 1 has 3 values; the model expects 2 (shape [2]).' });

    const exported = await call('exportTrainedModel', runId, join(dir, 'root', 'xor-export'));
    expect(exported).toMatchObject({ ok: true, dir: join(dir, 'root', 'xor-export') });
    expect(await call('exportTrainedModel', runId, join(dir, 'elsewhere'))).toMatchObject({ ok: false, message: expect.stringContaining('outside the folder this server shares') });
  }, 60_000);

  it('pauses, resumes and stops a long run within a second, keeping what it learned', async () => {
    const runId = await start(100_000);
    await waitFor(runId, (e) => e.type === 'epochMetrics');
    await call('pauseTraining', runId);
    await waitFor(runId, (e) => e.type === 'status' && e.state === 'paused');
    expect((await call('listRuns'))[0]).toMatchObject({ id: runId, status: 'paused' });
    // Counted before the call: the socket may deliver the resumed status in the same read as the reply.
    const before = events.get(runId)!.length;
    await call('resumeTraining', runId);
    await waitFor(runId, (e) => e.type === 'status' && e.state === 'running' && events.get(runId)!.indexOf(e) >= before);
    const asked = performance.now();
    await call('stopTraining', runId);
    expect(performance.now() - asked).toBeLessThan(1500);
    const [line] = await call('listRuns');
    expect(line).toMatchObject({ id: runId, status: 'stopped', hasWeights: true });
    expect(line.epochsCompleted).toBeGreaterThan(0);
    // A run that ended is left alone.
    await call('pauseTraining', runId);
    await call('stopTraining', runId);
    await call('deleteRun', runId);
    expect((await call('listRuns')).map((r) => r.id)).not.toContain(runId);
    await expect(access(join(dir, 'config', 'runs', runId))).rejects.toThrow();
  }, 60_000);

  it('refuses a graph with an error or without a dataset, saying what to fix', async () => {
    const broken = { ...xor, nodes: xor.nodes.map((n) => (n.kind === 'Dense' ? { ...n, params: { ...n.params, units: 0 } } : n)) };
    const refused = await call('startTraining', { doc: broken, projectPath: null });
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^The network cannot train until this is fixed: .*units/) });
    expect(await call('startTraining', { doc: { ...xor, dataset: null }, projectPath: null })).toEqual({ ok: false, message: 'Choose a dataset in the Data panel before training.' });
    await expect(call('stopTraining', '20260101-000000-000000')).rejects.toThrow('invalid-arguments: no run');
  });

  it('stops every run when the server closes, and records them as stopped', async () => {
    const runId = await start(100_000);
    await waitFor(runId, (e) => e.type === 'epochMetrics');
    await server.close();
    const record = JSON.parse(await readFile(join(dir, 'config', 'runs', runId, 'run.json'), 'utf8')) as RunRecord;
    expect(record).toMatchObject({ run: { phase: 'stopped', hasWeights: true } });
  }, 30_000);
});
