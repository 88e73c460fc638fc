/** Optimizers by the settings' names, and the learning-rate schedules. */
import type * as TF from '@tensorflow/tfjs';
import type { TrainingSettings } from '../../shared/document/schema.ts';
import type { Tf } from './backends/types.ts';
import { deviceAdam } from './device-adam.ts';

export function createOptimizer(tf: Tf, settings: TrainingSettings): TF.Optimizer {
  const lr = settings.learningRate;
  switch (settings.optimizer) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, settings.momentum ?? 0.9);
    case 'adam':
      // tfjs' arithmetic with its constants made once: no uploads per step on a GPU.
      return deviceAdam(tf, lr);
    case 'rmsprop':
      return tf.train.rmsprop(lr);
    case 'adagrad':
      return tf.train.adagrad(lr);
    case 'adadelta':
      return tf.train.adadelta(lr);
    case 'adamax':
      return tf.train.adamax(lr);
    default:
      throw new Error(`unknown optimizer ${String(settings.optimizer satisfies never)}`);
  }
}

/** The rate for a 0-based epoch under the schedule. */
export function scheduledRate(settings: TrainingSettings, epochIndex: number): number {
  const base = settings.learningRate;
  const s = settings.schedule;
  switch (s.kind) {
    case 'constant':
      return base;
    case 'step':
      return base * s.factor ** Math.floor(epochIndex / s.everyEpochs);
    case 'exponential':
      return base * s.decayPerEpoch ** epochIndex;
    default:
      throw new Error(`unknown schedule ${(s satisfies never as { kind: string }).kind}`);
  }
}

interface RateSettable {
  learningRate: number;
  setLearningRate?: (rate: number) => void;
}

/**
 * Every tfjs optimizer reads its public `learningRate` at each step, except
 * SGD and momentum, which cache it as a tensor and offer setLearningRate.
 */
export function setLearningRate(optimizer: TF.Optimizer, rate: number): void {
  const o = optimizer as unknown as RateSettable;
  if (o.learningRate === rate) return;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(rate);
  else o.learningRate = rate;
}
