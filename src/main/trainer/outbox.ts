/**
 * Keeps the trainer's message rate to the host under a ceiling (20/s by
 * default) without losing anything that matters. Every event waits in one
 * queue, in order; while a progress, snapshot, boundary or heartbeat event
 * waits, a newer one replaces it, and batch or epoch metrics that arrive
 * while some of theirs wait are merged into that message. So a fast run sends fewer,
 * fuller messages, and a slow one sends each as it comes.
 *
 * A token bucket: 75 % of the ceiling refills per second, with room for a
 * burst of 25 %, so no one-second window carries more than the ceiling.
 */
import type { TrainerEvent } from '../../shared/protocol/trainer.ts';

export class Outbox {
  private readonly queue: TrainerEvent[] = [];
  private readonly rate: number;
  private readonly capacity: number;
  private tokens: number;
  private last: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly send: (event: TrainerEvent) => void,
    maxPerSecond = 20,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.rate = Math.max(0.75, maxPerSecond * 0.75);
    this.capacity = Math.max(1, maxPerSecond * 0.25);
    this.tokens = this.capacity;
    this.last = this.now();
  }

  post(event: TrainerEvent): void {
    if (!this.merge(event)) this.queue.push(event);
    this.drain();
  }

  /** Resolves once everything posted so far has been sent. */
  idle(): Promise<void> {
    if (!this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private merge(event: TrainerEvent): boolean {
    const i = this.queue.findIndex((q) => q.type === event.type);
    if (i < 0) return false;
    const waiting = this.queue[i];
    switch (event.type) {
      case 'progress':
      case 'snapshot':
      case 'boundary':
      case 'heartbeat':
        this.queue[i] = event;
        return true;
      case 'batchMetrics':
        this.queue[i] = { type: 'batchMetrics', points: [...(waiting as typeof event).points, ...event.points] };
        return true;
      case 'epochMetrics':
        this.queue[i] = { type: 'epochMetrics', epochs: [...(waiting as typeof event).epochs, ...event.epochs] };
        return true;
      default:
        return false;
    }
  }

  private drain(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    while (this.tokens >= 1 && this.queue.length) {
      this.tokens -= 1;
      this.send(this.queue.shift()!);
    }
    if (!this.queue.length) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((w) => w());
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.drain();
      }, Math.max(1, ((1 - this.tokens) / this.rate) * 1000));
    }
  }
}
