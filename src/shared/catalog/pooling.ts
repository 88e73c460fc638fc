/**
 * Pooling: shrink sequences and images by summarising small windows (max or
 * average), or whole axes at once (global pooling). No weights to learn.
 */
import { MAX_WINDOW } from '../document/limits.ts';
import { formatShape, paddingParam } from './common.ts';
import { p } from './params.ts';
import { checkRank, IMAGE, SEQUENCE, slide, type RankNeed } from './shape-help.ts';
import type { LayerDef, Params } from './types.ts';

const NONE = { trainable: 0, nonTrainable: 0 };

/** A stride of 0 means "step by the pool size", Keras' default, so that changing the pool keeps the windows side by side. */
function strides(params: Params): number[] {
  const pool = p.ints(params, 'poolSize');
  return p.ints(params, 'strides').map((s, i) => (s === 0 ? pool[i] : s));
}

function pooling(kind: string, op: 'max' | 'average', need: RankNeed, axes: 1 | 2): LayerDef {
  const what = op === 'max' ? 'the largest value' : 'the average';
  return {
    kind,
    family: 'Pooling',
    summary: axes === 1
      ? `Shrinks a sequence by keeping ${what} of each short window of steps.`
      : `Shrinks an image by keeping ${what} of each small window (2×2 halves height and width), so later layers see more at once.`,
    inputs: { min: 1, max: 1 },
    params: {
      poolSize: { type: 'ints', label: 'Pool size', default: Array<number>(axes).fill(2), length: axes, min: 1, limit: MAX_WINDOW, doc: `The window summarised into one value${axes === 2 ? '; 2×2 halves height and width' : ''}.` },
      strides: { type: 'ints', label: 'Strides', default: Array<number>(axes).fill(0), length: axes, min: 0, limit: MAX_WINDOW, doc: 'How far the window moves each step; 0 means by the pool size, so the windows sit side by side without overlap.' },
      padding: paddingParam,
    },
    headline: ['poolSize'],
    factory: `${op === 'max' ? 'max' : 'average'}Pooling${axes}d`,
    inferShape([input], params) {
      const wrongRank = checkRank(kind, input, need);
      if (wrongRank) return wrongRank;
      const out = slide(kind, 'pool', input, p.ints(params, 'poolSize'), strides(params), p.str(params, 'padding'));
      if (!out.ok) return out;
      return { ok: true, shape: [null, ...out.dims, input[axes + 1]] };
    },
    paramCount: () => NONE,
    toConfig: (params) => ({
      className: kind,
      config: {
        poolSize: [...p.ints(params, 'poolSize')],
        strides: strides(params),
        padding: p.str(params, 'padding'),
        ...(axes === 2 ? { dataFormat: 'channelsLast' } : {}),
      },
    }),
  };
}

function globalPooling(kind: string, op: 'max' | 'average', need: RankNeed, axes: 1 | 2): LayerDef {
  const over = axes === 1 ? 'all steps' : 'the whole image';
  return {
    kind,
    family: 'Pooling',
    summary: `Reduces each channel to one number, ${op === 'max' ? 'its largest value' : 'its average'} over ${over}: a light replacement for Flatten before the classifier.`,
    inputs: { min: 1, max: 1 },
    params: {},
    headline: [],
    factory: `global${op === 'max' ? 'Max' : 'Average'}Pooling${axes}d`,
    inferShape([input]) {
      const wrongRank = checkRank(kind, input, need);
      if (wrongRank) return wrongRank;
      if (input[axes + 1] === null) return { ok: false, message: `${kind} needs a known number of channels but got ${formatShape(input)}: give the Input a fixed shape` };
      return { ok: true, shape: [null, input[axes + 1]] };
    },
    paramCount: () => NONE,
    toConfig: () => ({ className: kind, config: axes === 2 ? { dataFormat: 'channelsLast' } : {} }),
  };
}

export const MaxPooling1D = pooling('MaxPooling1D', 'max', SEQUENCE, 1);
export const MaxPooling2D = pooling('MaxPooling2D', 'max', IMAGE, 2);
export const AveragePooling1D = pooling('AveragePooling1D', 'average', SEQUENCE, 1);
export const AveragePooling2D = pooling('AveragePooling2D', 'average', IMAGE, 2);
export const GlobalMaxPooling1D = globalPooling('GlobalMaxPooling1D', 'max', SEQUENCE, 1);
export const GlobalMaxPooling2D = globalPooling('GlobalMaxPooling2D', 'max', IMAGE, 2);
export const GlobalAveragePooling1D = globalPooling('GlobalAveragePooling1D', 'average', SEQUENCE, 1);
export const GlobalAveragePooling2D = globalPooling('GlobalAveragePooling2D', 'average', IMAGE, 2);
