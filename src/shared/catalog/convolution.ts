/**
 * Convolutions: Conv1D over sequences, Conv2D over images. Channels always
 * come last ([batch, height, width, channels]), the layout tfjs uses by
 * default, so one rule for shapes holds everywhere in the app.
 */
import { MAX_UNITS, MAX_WINDOW } from '../document/limits.ts';
import { activationParam, formatShape, paddingParam, weightConfig, weightParams } from './common.ts';
import { p } from './params.ts';
import { checkRank, IMAGE, SEQUENCE, slide, type RankNeed } from './shape-help.ts';
import type { LayerDef } from './types.ts';

function convolution(kind: 'Conv1D' | 'Conv2D', need: RankNeed, axes: 1 | 2): LayerDef {
  const ones = Array<number>(axes).fill(1);
  const where = axes === 1 ? 'along the sequence' : 'across the image';
  return {
    kind,
    family: 'Convolution',
    summary: axes === 1
      ? 'Slides small learned filters along a sequence (a signal, a sentence) and reports where each pattern appears.'
      : 'Slides small learned filters across an image and makes one feature map per filter: edges and blobs first, shapes in deeper layers.',
    inputs: { min: 1, max: 1 },
    params: {
      filters: { type: 'int', label: 'Filters', default: 32, min: 1, limit: MAX_UNITS, doc: 'How many different patterns the layer learns; the output has one channel per filter.' },
      kernelSize: { type: 'ints', label: 'Kernel size', default: Array<number>(axes).fill(3), length: axes, min: 1, limit: MAX_WINDOW, doc: `The size of the window each filter looks at ${where}; 3 is the usual choice.` },
      strides: { type: 'ints', label: 'Strides', default: ones, length: axes, min: 1, limit: MAX_WINDOW, doc: 'How far the window moves each step; 2 halves the output size.' },
      padding: paddingParam,
      dilationRate: { type: 'ints', label: 'Dilation rate', default: ones, length: axes, min: 1, limit: MAX_WINDOW, doc: 'Gaps between the window\'s taps: 2 sees a wider area with the same number of weights. Keep it 1 when a stride is above 1.' },
      activation: activationParam('linear'),
      ...weightParams(),
    },
    headline: ['filters', 'kernelSize', 'activation'],
    factory: axes === 1 ? 'conv1d' : 'conv2d',
    inferShape([input], params) {
      const wrongRank = checkRank(kind, input, need);
      if (wrongRank) return wrongRank;
      const channels = input[axes + 1];
      if (channels === null) return { ok: false, message: `${kind} needs a known number of input channels but got ${formatShape(input)}: give the Input a fixed shape` };
      const strides = p.ints(params, 'strides');
      const dilation = p.ints(params, 'dilationRate');
      if (strides.some((s) => s > 1) && dilation.some((d) => d > 1)) {
        return {
          ok: false,
          message: `${kind} cannot combine strides ${formatShape(strides)} with dilation rate ${formatShape(dilation)} (tfjs supports a stride or a dilation above 1, not both): set the dilation rate back to 1`,
          fix: { kind: 'set-param', param: 'dilationRate', value: ones, label: 'Set dilation rate to 1' },
        };
      }
      const out = slide(kind, 'kernel', input, p.ints(params, 'kernelSize'), strides, p.str(params, 'padding'), dilation);
      if (!out.ok) return out;
      return { ok: true, shape: [null, ...out.dims, p.int(params, 'filters')] };
    },
    paramCount([input], params) {
      const filters = p.int(params, 'filters');
      const window = p.ints(params, 'kernelSize').reduce((a, b) => a * b, 1);
      const channels = input[axes + 1] as number;
      return { trainable: window * channels * filters + (p.bool(params, 'useBias') ? filters : 0), nonTrainable: 0 };
    },
    toConfig: (params) => ({
      className: kind,
      config: {
        filters: p.int(params, 'filters'),
        kernelSize: [...p.ints(params, 'kernelSize')],
        strides: [...p.ints(params, 'strides')],
        padding: p.str(params, 'padding'),
        dilationRate: [...p.ints(params, 'dilationRate')],
        dataFormat: 'channelsLast',
        activation: p.str(params, 'activation'),
        ...weightConfig(params),
      },
    }),
  };
}

export const Conv1D = convolution('Conv1D', SEQUENCE, 1);
export const Conv2D = convolution('Conv2D', IMAGE, 2);
