import { describe, expect, it } from 'vitest';
import { applyEvent } from './apply.ts';
import { defaultSpeed, speedLabel } from './speed.ts';
import { CHANGES_KEPT, emptyRunState } from './state.ts';
import { xorRunEvents } from './testing.ts';

const fold = (events = xorRunEvents()) => events.reduce(applyEvent, emptyRunState());

describe('applyEvent: live speed and hyperparameter changes', () => {
  it('keeps the live settings and each change with the step it landed on, and survives JSON like a stored record', () => {
    const before = fold();
    expect(before.tuning).toBeUndefined();
    expect(before.changes).toBeUndefined();
    let s = applyEvent(before, { type: 'tuning', stepsPerSecond: 10, learningRate: 0.03, l1: 0, l2: 0 });
    s = applyEvent(s, { type: 'change', step: 12, what: 'learningRate', from: 0.03, to: 0.1 });
    s = applyEvent(s, { type: 'change', step: 15, what: 'l2', from: 0, to: 0.001 });
    s = applyEvent(s, { type: 'tuning', stepsPerSecond: null, learningRate: 0.1, l1: 0, l2: 0.001 });
    expect(s.tuning).toEqual({ type: 'tuning', stepsPerSecond: null, learningRate: 0.1, l1: 0, l2: 0.001 });
    expect(s.changes).toEqual([
      { step: 12, what: 'learningRate', from: 0.03, to: 0.1 },
      { step: 15, what: 'l2', from: 0, to: 0.001 },
    ]);
    // The curves, alerts and the rest are the same objects: only the new fields changed.
    expect(s.batches).toBe(before.batches);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('keeps the newest CHANGES_KEPT changes', () => {
    let s = emptyRunState();
    for (let i = 1; i <= CHANGES_KEPT + 30; i++) s = applyEvent(s, { type: 'change', step: i, what: 'l1', from: i - 1, to: i });
    expect(s.changes).toHaveLength(CHANGES_KEPT);
    expect(s.changes![0].step).toBe(31);
    expect(s.changes!.at(-1)!.step).toBe(CHANGES_KEPT + 30);
  });
});

describe('defaultSpeed: watchable for small networks on small generated sets', () => {
  const xor = { kind: 'generated', name: 'xor', samples: 200, noise: 0.05, trainRatio: 0.8, seed: 1 } as const;
  it('holds a small network on a small generated set to 10 steps/s, and runs everything else at full speed', () => {
    expect(defaultSpeed(17, xor)).toBe(10);
    expect(defaultSpeed(999, xor)).toBe(10);
    expect(defaultSpeed(1000, xor)).toBeNull();
    expect(defaultSpeed(17, { ...xor, samples: 50_000 })).toBeNull();
    expect(defaultSpeed(17, { kind: 'builtin', name: 'mnist' } as never)).toBeNull();
    expect(defaultSpeed(17, null)).toBeNull();
    expect([speedLabel(1), speedLabel(10), speedLabel(null)]).toEqual(['1 step/s', '10 steps/s', 'Full speed']);
  });
});
