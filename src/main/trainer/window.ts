/**
 * Per-batch losses and metrics waiting on the device. Each step adds its
 * scalars; a few times a second the loop stacks the whole window into one
 * tensor and reads it with a single transfer, so the device is never made to
 * synchronise once per batch just to report.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from './backends/types.ts';
import type { StepResult } from './step.ts';

export interface StepMeta {
  readonly step: number;
  readonly epoch: number;
  readonly batch: number;
  /** Samples in the batch. */
  readonly n: number;
}

export interface StepValues extends StepMeta {
  readonly loss: number;
  readonly metrics: readonly number[];
}

export class MetricWindow {
  private scalars: TF.Scalar[] = [];
  private metas: StepMeta[] = [];

  constructor(private readonly tf: Tf, private readonly metricCount: number) {}

  get size(): number {
    return this.metas.length;
  }

  push(result: StepResult, meta: StepMeta): void {
    this.scalars.push(result.loss, ...result.metrics);
    this.metas.push(meta);
  }

  /** Reads and empties the window: one device → host transfer. */
  async read(): Promise<StepValues[]> {
    if (!this.metas.length) return [];
    const scalars = this.scalars;
    const metas = this.metas;
    this.scalars = [];
    this.metas = [];
    const stacked = this.tf.stack(scalars);
    this.tf.dispose(scalars);
    const values = await stacked.data();
    stacked.dispose();
    const width = 1 + this.metricCount;
    return metas.map((meta, i) => ({ ...meta, loss: values[i * width], metrics: Array.from(values.subarray(i * width + 1, (i + 1) * width)) }));
  }

  dispose(): void {
    this.tf.dispose(this.scalars);
    this.scalars = [];
    this.metas = [];
  }
}
