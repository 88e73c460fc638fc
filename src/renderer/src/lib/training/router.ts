/**
 * Delivers each run's trainer events to whatever shows that run. The host
 * starts the trainer before startTraining answers with the run id, so early
 * events of a run nobody has claimed yet are held while a start (or a
 * reconnect) is in flight, and handed over when the run is claimed. With
 * nothing in flight, events of unclaimed runs (another window's) are dropped.
 */
import type { TrainerEvent } from '../../../../shared/protocol/trainer.ts';

/** Events held per unclaimed run; a start answers long before this many arrive. */
export const HELD_MAX = 5000;

export type Delivery = 'delivered' | 'held' | 'dropped';

export class RunRouter<T> {
  readonly #targets = new Map<string, T>();
  readonly #held = new Map<string, TrainerEvent[]>();
  #waiting = 0;

  constructor(private readonly deliver: (target: T, event: TrainerEvent) => void) {}

  /** Marks a start or reconnect in flight; call the returned function when it settles. */
  expect(): () => void {
    this.#waiting++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#waiting--;
      if (this.#waiting === 0) this.#held.clear();
    };
  }

  route(runId: string, event: TrainerEvent): Delivery {
    const target = this.#targets.get(runId);
    if (target !== undefined) {
      this.deliver(target, event);
      return 'delivered';
    }
    if (this.#waiting === 0) return 'dropped';
    const held = this.#held.get(runId) ?? [];
    if (held.length >= HELD_MAX) return 'dropped';
    held.push(event);
    this.#held.set(runId, held);
    return 'held';
  }

  /** Claims a run: its held events are delivered now, in order, and later ones as they come. */
  claim(runId: string, target: T): void {
    this.#targets.set(runId, target);
    const held = this.#held.get(runId) ?? [];
    this.#held.delete(runId);
    for (const event of held) this.deliver(target, event);
  }

  release(runId: string): void {
    this.#targets.delete(runId);
  }

  get(runId: string): T | undefined {
    return this.#targets.get(runId);
  }

  targets(): T[] {
    return [...this.#targets.values()];
  }

  /** Events held now, over all runs (for tests and diagnostics). */
  get heldCount(): number {
    let n = 0;
    for (const list of this.#held.values()) n += list.length;
    return n;
  }
}
