import { describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../../shared/protocol/trainer.ts';
import { Outbox } from './outbox.ts';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const progress = (batch: number): TrainerEvent => ({ type: 'progress', epoch: 1, epochs: 1, batch, batchesPerEpoch: 100, step: batch, totalSteps: 100, samplesPerSec: 1, etaSeconds: null, elapsedSeconds: 0 });
const epoch = (n: number): TrainerEvent => ({ type: 'epochMetrics', epochs: [{ epoch: n, loss: 1 / n, metrics: {}, learningRate: 0.1, seconds: 0 }] });

describe('Outbox', () => {
  it('sends a burst of up to a quarter of the ceiling, then merges what waits', () => {
    const c = clock();
    const sent: TrainerEvent[] = [];
    const box = new Outbox((e) => sent.push(e), 20, c.now);
    for (let i = 1; i <= 10; i++) box.post(epoch(i));
    for (let i = 1; i <= 10; i++) box.post(progress(i));
    expect(sent.map((e) => e.type)).toEqual(['epochMetrics', 'epochMetrics', 'epochMetrics', 'epochMetrics', 'epochMetrics']);
    // What waits is one epochMetrics carrying epochs 6–10 and the newest progress.
    box.post({ type: 'exit', reason: 'completed', message: 'done', epochsCompleted: 10 });
    c.advance(1000);
    box.post({ type: 'log', level: 'info', message: 'tick' });
    expect(sent.slice(5).map((e) => e.type)).toEqual(['epochMetrics', 'progress', 'exit', 'log']);
    expect((sent[5] as Extract<TrainerEvent, { type: 'epochMetrics' }>).epochs.map((r) => r.epoch)).toEqual([6, 7, 8, 9, 10]);
    expect((sent[6] as Extract<TrainerEvent, { type: 'progress' }>).batch).toBe(10);
  });

  it('never sends more than the ceiling in a second, however fast events come', () => {
    const c = clock();
    const times: number[] = [];
    const box = new Outbox(() => times.push(c.now()), 20, c.now);
    for (let ms = 0; ms < 5000; ms++) {
      box.post(progress(ms));
      if (ms % 100 === 0) box.post({ type: 'log', level: 'info', message: String(ms) });
      c.advance(1);
    }
    const worst = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(worst).toBeLessThanOrEqual(20);
    expect(times.length).toBeGreaterThan(60);
  });

  it('resolves idle() once the queue has drained', async () => {
    const sent: string[] = [];
    const box = new Outbox((e) => sent.push(e.type), 4);
    for (let i = 0; i < 3; i++) box.post({ type: 'log', level: 'info', message: String(i) });
    box.post({ type: 'exit', reason: 'stopped', message: 'x', epochsCompleted: 0 });
    expect(sent).toHaveLength(1);
    await box.idle();
    expect(sent).toEqual(['log', 'log', 'log', 'exit']);
  });
});
