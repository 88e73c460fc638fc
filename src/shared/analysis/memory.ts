/**
 * How much memory training a network needs, before it starts: the weights,
 * their gradients, the optimizer's state and one batch's activations, all in
 * float32. It is an estimate from the shapes alone (tfjs adds temporaries and
 * the dataset sits beside it), good enough to say "this cannot fit" before a
 * run eats the machine's memory and is killed by the system.
 */
import type { GraphDoc, TrainingSettings } from '../document/schema.ts';
import { analyze } from './analyze.ts';
import type { Analysis } from './types.ts';

const FLOAT = 4;

/** Tensors each optimizer keeps per weight (tfjs' implementations). */
const OPTIMIZER_SLOTS: { readonly [K in TrainingSettings['optimizer']]: number } = {
  sgd: 0,
  momentum: 1,
  adam: 2,
  rmsprop: 2,
  adagrad: 1,
  adadelta: 2,
  adamax: 2,
};

export interface MemoryEstimate {
  /** Bytes of each part. */
  readonly weights: number;
  readonly gradients: number;
  readonly optimizer: number;
  /** One batch: the layers' outputs, kept for the backward pass, and their gradients. */
  readonly batch: number;
  readonly total: number;
  readonly batchSize: number;
}

/** Null while some layer's shape is unknown: nothing sensible can be said then. */
export function estimateTrainingMemory(analysis: Analysis, training: Pick<TrainingSettings, 'optimizer' | 'batchSize'>): MemoryEstimate | null {
  const { trainableParams, totalParams } = analysis.summary;
  let values = 0;
  for (const id of analysis.order) {
    const node = analysis.nodes.get(id);
    if (!node?.inModel) continue;
    if (!node.outputShape) return null;
    values += node.outputShape.reduce<number>((a, d) => a * (d ?? 1), 1);
  }
  const weights = totalParams * FLOAT;
  const gradients = trainableParams * FLOAT;
  const optimizer = trainableParams * OPTIMIZER_SLOTS[training.optimizer] * FLOAT;
  const batch = 2 * values * training.batchSize * FLOAT;
  return { weights, gradients, optimizer, batch, total: weights + gradients + optimizer + batch, batchSize: training.batchSize };
}

/** Above this share of the machine's memory, training is likely to slow everything else down or swap. */
export const MEMORY_WARNING_SHARE = 0.5;

export interface MemoryVerdict {
  readonly level: 'ok' | 'warning' | 'error';
  /** Says what does not fit and what to change; null when it fits. */
  readonly message: string | null;
}

/** Compares an estimate with the machine's memory (bytes); an unknown machine (0) is never judged. */
export function judgeMemory(estimate: MemoryEstimate, machine: number): MemoryVerdict {
  if (!Number.isFinite(estimate.total)) return { level: 'error', message: 'This network is too large to train on any machine: use fewer or smaller layers.' };
  if (!(machine > 0)) return { level: 'ok', message: null };
  const need = formatBytes(estimate.total);
  const has = formatBytes(machine);
  const biggest = estimate.batch > estimate.weights + estimate.gradients + estimate.optimizer ? `lower the batch size (${estimate.batchSize})` : 'use fewer or smaller layers';
  if (estimate.total > machine) {
    return { level: 'error', message: `Training needs about ${need} but this machine has ${has}: ${biggest}.` };
  }
  if (estimate.total > machine * MEMORY_WARNING_SHARE) {
    return { level: 'warning', message: `Training needs about ${need}, more than half of this machine's ${has}; other programs may slow down. To need less, ${biggest}.` };
  }
  return { level: 'ok', message: null };
}

/** Bytes in binary units (1 KB = 1,024 B) with about three significant digits: 812 B, 4.20 MB, 1.50 GB, 310 MB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '∞';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 || value >= 100 ? `${Math.round(value)} ${units[unit]}` : `${value.toPrecision(3)} ${units[unit]}`;
}

/** Why `doc` cannot train on a machine of `machine` bytes (the Summary shows the same estimate), or null. The host and `netwright train` refuse with it. */
export function memoryRefusal(doc: GraphDoc, machine: number): string | null {
  const analysis = analyze(doc);
  const estimate = analysis.ok ? estimateTrainingMemory(analysis, doc.training) : null;
  const verdict = estimate && judgeMemory(estimate, machine);
  return verdict?.level === 'error' ? verdict.message : null;
}
