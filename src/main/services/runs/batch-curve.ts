/**
 * The batch-level loss curve of a run, kept to a bounded number of points
 * however long the run: when it fills up, neighbouring points are merged in
 * pairs and later points are merged in groups of the new stride, so the whole
 * run stays evenly covered (older detail is what goes).
 */
import type { BatchPoint } from '../../../shared/protocol/trainer.ts';

export const MAX_BATCH_POINTS = 2000;

/** One point standing for several: the last one's position, the mean of their figures. */
export function mergePoints(points: readonly BatchPoint[]): BatchPoint {
  const last = points[points.length - 1];
  if (points.length === 1) return last;
  const mean = (pick: (p: BatchPoint) => number | undefined) => {
    let sum = 0;
    let n = 0;
    for (const p of points) {
      const v = pick(p);
      if (v !== undefined && Number.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    return n ? sum / n : Number.NaN;
  };
  const metrics: Record<string, number> = {};
  for (const key of Object.keys(last.metrics)) metrics[key] = mean((p) => p.metrics[key]);
  return { step: last.step, epoch: last.epoch, batch: last.batch, loss: mean((p) => p.loss), metrics };
}

export class BatchCurve {
  private points: BatchPoint[] = [];
  private pending: BatchPoint[] = [];
  /** How many incoming points make one kept point. */
  private stride = 1;

  constructor(private readonly max = MAX_BATCH_POINTS) {}

  add(point: BatchPoint): void {
    this.pending.push(point);
    if (this.pending.length < this.stride) return;
    this.points.push(mergePoints(this.pending));
    this.pending = [];
    if (this.points.length >= this.max) this.halve();
  }

  /** At most `max` points, the newest partial group included. */
  values(): BatchPoint[] {
    return this.pending.length ? [...this.points, mergePoints(this.pending)] : [...this.points];
  }

  private halve(): void {
    const merged: BatchPoint[] = [];
    for (let i = 0; i < this.points.length; i += 2) merged.push(mergePoints(this.points.slice(i, i + 2)));
    this.points = merged;
    this.stride *= 2;
  }
}
