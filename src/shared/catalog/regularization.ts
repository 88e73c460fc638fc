/**
 * Regularization layers disturb the data while training, so the network
 * cannot lean on single values and overfits less. They pass data through
 * unchanged when predicting, and have no weights.
 */
import type { LayerDef } from './types.ts';
import { p } from './params.ts';

const NONE = { trainable: 0, nonTrainable: 0 };

export const Dropout: LayerDef = {
  kind: 'Dropout',
  family: 'Regularization',
  summary: 'While training, sets a random share of its inputs to zero (and scales the rest up), so no unit can rely on any one other. Does nothing when predicting.',
  inputs: { min: 1, max: 1 },
  params: {
    rate: { type: 'float', label: 'Rate', default: 0.5, min: 0, max: 0.99, doc: 'Share of the inputs dropped at each training step: 0.2–0.5 is typical; higher fights overfitting harder but slows learning.' },
  },
  headline: ['rate'],
  factory: 'dropout',
  inferShape: ([input]) => ({ ok: true, shape: input }),
  paramCount: () => NONE,
  toConfig: (params) => ({ className: 'Dropout', config: { rate: p.float(params, 'rate') } }),
};

export const GaussianNoise: LayerDef = {
  kind: 'GaussianNoise',
  family: 'Regularization',
  summary: 'While training, adds small random noise to its inputs, like slightly different samples each time. Does nothing when predicting.',
  inputs: { min: 1, max: 1 },
  params: {
    stddev: { type: 'float', label: 'Noise level', default: 0.1, min: 0, max: 10, doc: 'Standard deviation of the added noise, in the units of the input; keep it well below the spread of the data.' },
  },
  headline: ['stddev'],
  factory: 'gaussianNoise',
  inferShape: ([input]) => ({ ok: true, shape: input }),
  paramCount: () => NONE,
  toConfig: (params) => ({ className: 'GaussianNoise', config: { stddev: p.float(params, 'stddev') } }),
};
