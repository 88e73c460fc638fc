/**
 * Validation after each epoch and the final test report. Sums stay on the
 * device across batches and come back in one read.
 */
import type * as TF from '@tensorflow/tfjs';
import type { DatasetInfo } from '../../shared/protocol/datasets.ts';
import type { MetricValues, SamplePrediction, TrainerEvent } from '../../shared/protocol/trainer.ts';
import type { Tf } from './backends/types.ts';
import { inOrder, type DeviceData, type RowReader, type Split } from './data.ts';
import type { Objective } from './objective.ts';
import { round4, samplePixels } from './weight-stats.ts';

export interface Scores {
  readonly loss: number;
  readonly metrics: MetricValues;
}

/** Batches of evaluation are larger than training's: no gradients are kept. */
export function evalBatchSize(trainBatch: number): number {
  return Math.max(trainBatch, 256);
}

function forward(model: TF.LayersModel, x: TF.Tensor): TF.Tensor {
  return model.apply(x, { training: false }) as TF.Tensor;
}

/** Loss and metrics over a split; `shouldStop` is checked between batches. */
export async function score(tf: Tf, model: TF.LayersModel, objective: Objective, split: Split, rows: RowReader, batchSize: number, between?: () => Promise<boolean>): Promise<Scores | null> {
  let sums: TF.Tensor1D | null = null;
  for (const b of inOrder(split, batchSize, rows)) {
    const next = tf.tidy(() => {
      const p = forward(model, b.x);
      const row = tf.stack([objective.loss(b.y, p), ...objective.metrics.map((m) => m.fn(b.y, p))]).mul(b.n) as TF.Tensor1D;
      tf.dispose([b.x, b.y]);
      return sums ? tf.add(sums, row) : row;
    });
    sums?.dispose();
    sums = next as TF.Tensor1D;
    if (between && (await between())) {
      sums.dispose();
      return null;
    }
  }
  if (!sums) return { loss: NaN, metrics: {} };
  const v = await sums.data();
  sums.dispose();
  return { loss: v[0] / split.n, metrics: Object.fromEntries(objective.metrics.map((m, i) => [m.name, v[i + 1] / split.n])) };
}

type Evaluation = Extract<TrainerEvent, { type: 'evaluation' }>;

/** The test report: scores, and for classification the confusion matrix; a few sample predictions either way. */
export async function testReport(tf: Tf, model: TF.LayersModel, objective: Objective, data: DeviceData, info: DatasetInfo, batchSize: number, sampleCount: number): Promise<Evaluation | null> {
  const test = data.test;
  const host = data.testHost;
  if (!test || !host) return null;
  const scores = await score(tf, model, objective, test, data.rows, batchSize);
  if (!scores) return null;
  const picks = Array.from({ length: Math.min(sampleCount, test.n) }, (_, i) => Math.floor((i * test.n) / Math.min(sampleCount, test.n)));
  const xWidth = info.inputShape.reduce((a, b) => a * b, 1);
  const inputOf = (i: number): number[] | undefined => {
    const x = host.x.subarray(i * xWidth, (i + 1) * xWidth);
    if (info.isImage) return samplePixels(x);
    return xWidth <= 16 ? Array.from(x, round4) : undefined;
  };
  const base = { type: 'evaluation' as const, split: 'test' as const, samples: test.n, loss: scores.loss, metrics: scores.metrics };

  if (objective.encoding === 'raw') {
    const outputs = tf.tidy(() => forward(model, tf.gather(test.x, tf.tensor1d(picks, 'int32'))));
    const out = await outputs.data();
    outputs.dispose();
    const width = out.length / Math.max(1, picks.length);
    const predictions: SamplePrediction[] = picks.map((i, k) => ({
      task: 'regression',
      index: i,
      target: Array.from(host.y.subarray(i * info.targetSize, (i + 1) * info.targetSize), round4),
      output: Array.from(out.subarray(k * width, (k + 1) * width), round4),
      ...withInput(inputOf(i)),
    }));
    return { ...base, predictions };
  }

  // Classification: predicted class and its score for every test sample, read once.
  let classes: TF.Tensor | null = null;
  let confidences: TF.Tensor | null = null;
  for (const b of inOrder(test, batchSize, data.rows)) {
    const [c, s] = tf.tidy(() => {
      const p = forward(model, b.x);
      tf.dispose([b.x, b.y]);
      const flat = tf.reshape(p, [b.n, -1]);
      const one = flat.shape[1] === 1;
      const threshold = objective.encoding === 'signed' ? 0 : 0.5;
      const cls = one ? tf.cast(tf.greater(flat, threshold), 'int32').reshape([b.n]) : tf.argMax(flat, -1);
      const conf = one ? tf.where(tf.greater(flat, threshold), flat, tf.sub(objective.encoding === 'signed' ? 0 : 1, flat)).reshape([b.n]) : tf.max(flat, -1);
      return [classes ? tf.concat([classes, cls]) : cls, confidences ? tf.concat([confidences, conf]) : conf];
    });
    if (classes && confidences) tf.dispose([classes, confidences]);
    classes = c;
    confidences = s;
  }
  const [predicted, confidence] = await Promise.all([classes!.data(), confidences!.data()]);
  tf.dispose([classes!, confidences!]);
  const k = info.numClasses;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < test.n; i++) {
    const t = host.y[i];
    const p = predicted[i];
    if (t >= 0 && t < k && p >= 0 && p < k) confusion[t][p]++;
  }
  const perClassAccuracy = confusion.map((row, c) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total ? round4(row[c] / total) : 0;
  });
  const predictions: SamplePrediction[] = galleryPicks(predicted, host.y, test.n, sampleCount).map((i) => ({
    task: 'classification',
    index: i,
    label: host.y[i],
    predicted: predicted[i],
    confidence: round4(confidence[i]),
    ...withInput(inputOf(i)),
  }));
  return { ...base, confusion, ...(info.classNames ? { classNames: info.classNames } : {}), perClassAccuracy, predictions };
}

/** Evenly spread over `from`, at most `count` of them, in order. */
function spread(from: readonly number[], count: number): number[] {
  const n = Math.min(count, from.length);
  return Array.from({ length: n }, (_, i) => from[Math.floor((i * from.length) / n)]);
}

/**
 * Which test samples the gallery shows: mistakes first (up to two thirds of
 * the places, spread over all the mistakes so they are not all of one class),
 * then correct ones to fill, in test-set order within each group.
 */
export function galleryPicks(predicted: ArrayLike<number>, labels: ArrayLike<number>, n: number, count: number): number[] {
  const wrong: number[] = [];
  const right: number[] = [];
  for (let i = 0; i < n; i++) (predicted[i] === labels[i] ? right : wrong).push(i);
  const mistakes = spread(wrong, Math.min(wrong.length, Math.ceil((count * 2) / 3)));
  return mistakes.concat(spread(right, count - mistakes.length));
}

function withInput(input: number[] | undefined): { input?: number[] } {
  return input ? { input } : {};
}
