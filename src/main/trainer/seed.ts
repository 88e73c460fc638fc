/**
 * Reproducible runs. tfjs draws every random number it needs without a seed
 * (weight initializers, dropout masks) from a generator seeded with
 * Math.random(); running that code with Math.random swapped for a seeded
 * generator makes it repeatable without touching each initializer's config.
 * The swap lasts only for a synchronous call, so nothing else in the process
 * sees it. The hold-out and each epoch's order come from the same generator
 * (shared/run/order.ts), in the order exported programs draw them too.
 *
 * What a seed reproduces, on the same backend and data: the initial weights,
 * the validation split, the order of batches in every epoch and the dropout
 * masks, so the cpu and wasm backends repeat a run bit for bit. GPU backends
 * and TensorFlow may sum in a different order from run to run, so their
 * losses agree only to a few digits.
 */
import { mulberry32 } from '../../shared/datasets/random.ts';

export class SeededRandom {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Runs `fn` with Math.random drawing from this generator. */
  run<T>(fn: () => T): T {
    const original = Math.random;
    Math.random = this.next;
    try {
      return fn();
    } finally {
      Math.random = original;
    }
  }
}
