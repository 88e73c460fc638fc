/**
 * A run-long list kept to a fixed length, evenly covering the whole run:
 * items arrive one at a time; `stride` of them are merged into one kept
 * item; when the kept list is full and another is due, neighbours are
 * merged in pairs and the stride doubles. Older detail is what goes, never the start or the end.
 * The batch curve, the epoch curve, gradient norms and weight histograms
 * all use it, each with its own merge (a mean for figures, the newest for
 * histograms). Plain data, so a run's state can be stored and sent as JSON;
 * every operation returns a new value.
 */

export interface Thinned<T> {
  /** Most kept items (even, at least 2). */
  readonly capacity: number;
  /** Incoming items per kept item. */
  readonly stride: number;
  readonly kept: readonly T[];
  /** The group being filled, fewer than `stride` items. */
  readonly pending: readonly T[];
}

/** Merges a group of items (1 or more, oldest first) into the one that stands for them. */
export type Merge<T> = (group: readonly T[]) => T;

export function thinned<T>(capacity: number): Thinned<T> {
  return { capacity: Math.max(2, Math.floor(capacity / 2) * 2), stride: 1, kept: [], pending: [] };
}

/** The list with `items` added, oldest first. */
export function thinPush<T>(list: Thinned<T>, items: readonly T[], merge: Merge<T>): Thinned<T> {
  if (!items.length) return list;
  let { stride } = list;
  let kept = [...list.kept];
  let pending = [...list.pending];
  for (const item of items) {
    pending.push(item);
    if (pending.length < stride) continue;
    if (kept.length === list.capacity) {
      const halved: T[] = [];
      for (let i = 0; i < kept.length; i += 2) halved.push(merge(kept.slice(i, i + 2)));
      kept = halved;
      stride *= 2;
      // The group being filled must now reach the doubled stride, so every kept item stands for equally many.
      if (pending.length < stride) continue;
    }
    kept.push(merge(pending));
    pending = [];
  }
  return { capacity: list.capacity, stride, kept, pending };
}

/** Every item as it stands now: the kept ones, then the group being filled merged, so the newest shows at once. */
export function thinItems<T>(list: Thinned<T>, merge: Merge<T>): T[] {
  return list.pending.length ? [...list.kept, merge(list.pending)] : [...list.kept];
}
