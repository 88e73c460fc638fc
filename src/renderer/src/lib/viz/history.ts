/**
 * A bounded list of snapshots over a run (weight histograms), thinned evenly:
 * when it is full, every second entry is dropped and from then on only every
 * second arrival is kept for good. The newest arrival is always the last
 * entry, so the front of a ridge plot is always "now".
 */
export class ThinningHistory<T> {
  readonly capacity: number;
  #kept: T[] = [];
  /** The newest arrival when it is not one to keep; replaced by the next. */
  #tail: { readonly value: T } | null = null;
  #stride = 1;
  #seen = 0;

  /** `capacity` is rounded down to an even number, so that thinning always keeps the newest entry. */
  constructor(capacity = 48) {
    this.capacity = Math.max(2, Math.floor(capacity / 2) * 2);
  }

  push(value: T): void {
    const keep = this.#seen % this.#stride === 0;
    this.#seen++;
    if (!keep) {
      this.#tail = { value };
      return;
    }
    this.#tail = null;
    this.#kept.push(value);
    if (this.#kept.length > this.capacity) {
      // Entries at even positions are the arrivals numbered 0, 2·stride, 4·stride, …
      this.#kept = this.#kept.filter((_, i) => i % 2 === 0);
      this.#stride *= 2;
    }
  }

  /** Oldest first; at most capacity + 1 entries. */
  items(): T[] {
    return this.#tail ? [...this.#kept, this.#tail.value] : [...this.#kept];
  }

  get length(): number {
    return this.#kept.length + (this.#tail ? 1 : 0);
  }

  /** Arrivals since the history was made. */
  get seen(): number {
    return this.#seen;
  }
}
