import { describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../protocol/trainer.ts';
import { validateCall } from '../protocol/api-args.ts';
import { applyEvent } from './apply.ts';
import { emptyRunState } from './state.ts';

type Activations = Extract<TrainerEvent, { type: 'activations' }>;

const picture = (label: number) => ({ width: 2, height: 2, channels: 1, pixels: [0, 64, 128, 255], label });
const layer = (v: number) => ({ nodeId: 'dense_1', name: 'dense_1', className: 'Dense', shape: [2], units: [v, -v] });

describe('applyEvent: activations', () => {
  it('keeps the newest activations and the candidate pictures of the first event, and survives JSON like a stored record', () => {
    const first: Activations = { type: 'activations', step: 1, epoch: 1, sample: 0, candidates: [picture(3), picture(5)], layers: [layer(0.5)] };
    const before = applyEvent(emptyRunState(), first);
    expect(before.activations).toEqual(first);
    const later: Activations = { type: 'activations', step: 9, epoch: 2, sample: 1, layers: [layer(0.25)] };
    const s = applyEvent(before, later);
    expect(s.activations).toEqual({ ...later, candidates: first.candidates });
    // The pictures are the same objects, and the rest of the run is untouched.
    expect(s.activations!.candidates).toBe(first.candidates);
    expect(s.batches).toBe(before.batches);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('probeTraining arguments', () => {
  it('take one of the candidate pictures and refuse any other, naming the limit', () => {
    expect(validateCall('probeTraining', ['run-1', 7])).toEqual({ ok: true, args: ['run-1', 7] });
    expect(validateCall('probeTraining', ['run-1', 8])).toMatchObject({ ok: false, message: expect.stringMatching(/^probeTraining: sample: .*7/) });
    expect(validateCall('probeTraining', ['run-1', 1.5])).toMatchObject({ ok: false, message: expect.stringMatching(/^probeTraining: sample: /) });
  });
});
