import { describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../../../../shared/protocol/trainer.ts';
import { HELD_MAX, RunRouter } from './router.ts';

const progress = (step: number): TrainerEvent => ({ type: 'progress', epoch: 1, epochs: 1, batch: step, batchesPerEpoch: 10, step, totalSteps: 10, samplesPerSec: 100, etaSeconds: 1, elapsedSeconds: 0 });

function collecting() {
  const got: { target: string; step: number }[] = [];
  const router = new RunRouter<string>((target, e) => got.push({ target, step: e.type === 'progress' ? e.step : -1 }));
  return { router, got };
}

describe('RunRouter', () => {
  it('holds a run’s early events while its start is in flight and replays them in order on claim', () => {
    const { router, got } = collecting();
    const settle = router.expect();
    expect(router.route('run-1', progress(1))).toBe('held');
    expect(router.route('run-1', progress(2))).toBe('held');
    router.claim('run-1', 'A');
    expect(router.route('run-1', progress(3))).toBe('delivered');
    settle();
    expect(got).toEqual([
      { target: 'A', step: 1 },
      { target: 'A', step: 2 },
      { target: 'A', step: 3 },
    ]);
    expect(router.heldCount).toBe(0);
  });

  it('drops other windows’ runs when nothing is in flight, and forgets what it held once starts settle', () => {
    const { router, got } = collecting();
    expect(router.route('elsewhere', progress(1))).toBe('dropped');
    const settle = router.expect();
    router.route('elsewhere', progress(2));
    expect(router.heldCount).toBe(1);
    settle();
    settle();
    expect(router.heldCount).toBe(0);
    expect(got).toEqual([]);
  });

  it('holds at most HELD_MAX events per run', () => {
    const { router } = collecting();
    router.expect();
    for (let i = 0; i < HELD_MAX + 10; i++) router.route('run-9', progress(i));
    expect(router.heldCount).toBe(HELD_MAX);
  });

  it('stops delivering after release', () => {
    const { router, got } = collecting();
    router.claim('run-2', 'B');
    router.release('run-2');
    expect(router.route('run-2', progress(1))).toBe('dropped');
    expect(got).toEqual([]);
  });
});
