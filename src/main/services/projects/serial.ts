/**
 * Runs tasks one after another per key, in the order they were handed in.
 * Saves to one file go through it so that the last save sent is the one left
 * on disk, however the earlier ones interleave their awaits.
 */
export class SerialQueue {
  /** The last task per key; settled tasks are dropped, so the map only holds work in flight. */
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // A failed task must not stop the ones queued behind it.
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
