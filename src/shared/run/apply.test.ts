import { describe, expect, it } from 'vitest';
import type { BatchPoint } from '../protocol/trainer.ts';
import { applyEvent } from './apply.ts';
import { mergeBatches, newestFrame } from './merge.ts';
import { emptyRunState, type RunState } from './state.ts';
import { denseSnapshot, XOR_READY, xorRunEvents } from './testing.ts';
import { thinItems } from './thin.ts';
import { alertsByNode, batchesPerEpoch } from './views.ts';

const fold = (events = xorRunEvents(), from: RunState = emptyRunState()) => events.reduce(applyEvent, from);

describe('applyEvent: a run folded from its trainer events', () => {
  it('follows the phases, keeping the exit once it came', () => {
    const phases: string[] = [];
    xorRunEvents().reduce((s, e) => {
      const next = applyEvent(s, e);
      phases.push(next.phase);
      return next;
    }, emptyRunState());
    expect(phases).toEqual(['loading', 'loading', 'running', 'running', 'running', 'running', 'running', 'running', 'running', 'running', 'running', 'running', 'running', 'running', 'evaluating', 'evaluating', 'evaluating', 'evaluating', 'completed']);
    expect(applyEvent(fold(), { type: 'status', state: 'saving' }).phase).toBe('completed');
  });

  it('keeps the figures the runs list, the record and the dashboard read', () => {
    const s = fold();
    expect(s.ready).toMatchObject({ backend: 'tensorflow', batchesPerEpoch: 10, params: 17 });
    expect(s.epochsCompleted).toBe(2);
    expect(s.lastEpoch?.epoch).toBe(2);
    const batches = thinItems(s.batches, mergeBatches);
    expect(batches).toHaveLength(20);
    expect(batches[0].loss).toBeCloseTo(0.71);
    expect(batches.at(-1)!.loss).toBeCloseTo(0.28);
    expect(thinItems(s.epochs, (g) => g[g.length - 1]).map((r) => r.loss)).toEqual([0.67, 0.37]);
    expect(s.layers).toEqual([{ nodeId: 'n1', name: 'dense_1', parts: ['kernel', 'bias'] }, { nodeId: 'n2', name: 'dense_2', parts: ['kernel', 'bias'] }]);
    expect(thinItems(s.histograms['n1:kernel'], newestFrame).map((f) => f.histogram.max)).toEqual([0.5, 0.9]);
    // Kernel and bias gradients together: √(0.1² + 0.1²).
    expect(s.gradients.n1.kept.map((p) => p.y)).toEqual([Math.SQRT2 * 0.3, Math.SQRT2 * 0.1].map((v) => expect.closeTo(v, 10)));
    expect(s.boundary?.output).toEqual([0.1, 0.9, 0.9, 0.1]);
    expect(s.evaluation?.confusion).toEqual([[18, 2], [2, 18]]);
    expect(s.exit?.message).toBe('Completed 2 epochs in 2 s.');
    expect(s.messages.map((m) => m.message)).toEqual(['saved']);
    expect(s.hasWeights).toBe(true);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('keeps which weights a stopped run saved, and ignores heartbeats', () => {
    const running = fold(xorRunEvents().slice(0, 5));
    expect(applyEvent(running, { type: 'heartbeat' })).toBe(running);
    const stopping = applyEvent(running, { type: 'status', state: 'stopping' });
    expect(stopping.phase).toBe('stopping');
    const weights = { step: 7, epoch: 1, batch: 7, batchesPerEpoch: 10 };
    const saved = applyEvent(stopping, { type: 'savedModel', dir: '/x/model', files: [], bytes: 400, weights });
    expect(saved).toMatchObject({ hasWeights: true, savedWeights: weights });
    const ended = applyEvent(saved, { type: 'exit', reason: 'stopped', message: 'Stopped after epoch 1, batch 7 of 10 (step 7); saved the model with the weights of that step.', epochsCompleted: 0 });
    expect(ended).toMatchObject({ phase: 'stopped', savedWeights: weights });
  });

  it('keys alerts by graph node: one badge per kind, most serious first, on the step axis', () => {
    const byNode = alertsByNode(fold().alerts);
    expect([...byNode.keys()]).toEqual(['n1']);
    expect(byNode.get('n1')!.map((a) => [a.kind, a.message, a.step])).toEqual([
      ['vanishing', 'gradients near zero', 20],
      ['dead-relu', '2 of 4 units never fire', 20],
    ]);
  });

  it('leaves the parts an event does not touch as they were, and the state given unchanged', () => {
    const before = fold(xorRunEvents().slice(0, 7));
    const after = applyEvent(before, { type: 'progress', epoch: 1, epochs: 3, batch: 5, batchesPerEpoch: 10, step: 15, totalSteps: 30, samplesPerSec: 1, etaSeconds: 1, elapsedSeconds: 1 });
    expect(after.batches).toBe(before.batches);
    expect(after.histograms).toBe(before.histograms);
    expect(before.progress?.step).toBe(10);
  });

  it('stays bounded over 100,000 batch points, 2,000 snapshots and 500 log lines', () => {
    let s = applyEvent(emptyRunState(), { ...XOR_READY, batchesPerEpoch: 1000 });
    for (let start = 0; start < 100_000; start += 50) {
      const points: BatchPoint[] = Array.from({ length: 50 }, (_, i) => {
        const step = start + i + 1;
        return { step, epoch: Math.ceil(step / 1000), batch: ((step - 1) % 1000) + 1, loss: 2 / Math.sqrt(step), metrics: { accuracy: 1 - 1 / Math.sqrt(step) } };
      });
      s = applyEvent(s, { type: 'batchMetrics', points });
    }
    for (let i = 0; i < 2000; i++) s = applyEvent(s, { type: 'snapshot', step: 100_000 + i, epoch: 100, batch: 1, layers: [denseSnapshot('n1', 'dense_1', 1, 1)] });
    for (let i = 0; i < 500; i++) s = applyEvent(s, { type: 'log', level: 'info', message: `line ${i}` });
    const batches = thinItems(s.batches, mergeBatches);
    expect(batches.length).toBeLessThanOrEqual(2001);
    expect(batches[0].step).toBeLessThan(200);
    expect(batches.at(-1)!.step).toBe(100_000);
    // A merged point keeps the lowest and highest loss of the batches it stands for.
    expect(batches[0].high.loss).toBeCloseTo(2, 6);
    expect(batches[0].low.loss).toBeLessThan(batches[0].loss);
    expect(thinItems(s.histograms['n1:kernel'], newestFrame).length).toBeLessThanOrEqual(49);
    expect(s.gradients.n1.kept.length).toBeLessThanOrEqual(2000);
    expect(s.messages).toHaveLength(50);
    expect(s.messages.at(-1)?.message).toBe('line 499');
    expect(batchesPerEpoch(s)).toBe(1000);
  });
});
