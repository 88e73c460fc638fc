/**
 * How fast a run goes by default, and the paces the Train tab offers. A small
 * network on a small generated set trains in under a second at full speed,
 * which shows only the finished result; held to a few steps per second, the
 * boundary and the curves can be watched as they move.
 */
import type { DatasetRef } from '../document/schema.ts';

/** Paces offered, in steps per second; null is full speed. */
export const SPEED_CHOICES: readonly (number | null)[] = [1, 2, 5, 10, 30, 100, null];

/** The watchable default pace, in steps per second. */
export const WATCH_SPEED = 10;
/** Networks below this many parameters on a generated set start at WATCH_SPEED. */
export const WATCH_MAX_PARAMS = 1000;
/** …and generated sets of at most this many samples. */
export const WATCH_MAX_SAMPLES = 5000;

/**
 * The pace a run starts at: WATCH_SPEED for a network under WATCH_MAX_PARAMS
 * parameters on a generated set of at most WATCH_MAX_SAMPLES samples, full
 * speed (null) for everything else.
 *
 * @example defaultSpeed(17, { kind: 'generated', name: 'xor', samples: 200, … }) // 10
 */
export function defaultSpeed(params: number, dataset: DatasetRef | null | undefined): number | null {
  if (!dataset || dataset.kind !== 'generated') return null;
  return params < WATCH_MAX_PARAMS && dataset.samples <= WATCH_MAX_SAMPLES ? WATCH_SPEED : null;
}

/** "10 steps/s", "1 step/s", "Full speed". */
export function speedLabel(stepsPerSecond: number | null): string {
  if (stepsPerSecond === null) return 'Full speed';
  return `${stepsPerSecond} step${stepsPerSecond === 1 ? '' : 's'}/s`;
}
