/**
 * Shape checks shared by several layer families, with the messages that go
 * with them. A wrong rank is the most common wiring mistake, so the message
 * works out the Reshape that would repair it and offers it as a fix.
 */
import { formatShape } from './common.ts';
import type { Fix, Shape, ShapeResult } from './types.ts';

export interface RankNeed {
  /** Rank including the batch axis, e.g. 4 for images. */
  readonly rank: number;
  /** The layout in words, e.g. "[batch, height, width, channels]". */
  readonly layout: string;
  /** What the last axis is called in the message: "channel" or "feature". */
  readonly lastAxis: string;
}

export const IMAGE: RankNeed = { rank: 4, layout: '[batch, height, width, channels]', lastAxis: 'channel' };
export const SEQUENCE: RankNeed = { rank: 3, layout: '[batch, steps, channels]', lastAxis: 'channel' };
export const TIME_SERIES: RankNeed = { rank: 3, layout: '[batch, timesteps, features]', lastAxis: 'feature' };

export const reshapeFix = (target: readonly number[]): Fix => ({
  kind: 'insert-before',
  layer: 'Reshape',
  params: { targetShape: [...target] },
  label: `Insert Reshape to ${formatShape(target)}`,
});

/**
 * Undefined when `input` has the rank the layer needs; otherwise an error
 * that shows the shape and, where one exists, the Reshape that fixes it.
 */
export function checkRank(kind: string, input: Shape, need: RankNeed): ShapeResult | undefined {
  if (input.length === need.rank) return undefined;
  const head = `${kind} expects a ${need.rank}-D input ${need.layout} but got ${formatShape(input)}`;
  const dims = input.slice(1);
  if (dims.some((d) => d === null)) return { ok: false, message: `${head}: give the Input a fixed shape of ${need.rank - 1} dimensions` };
  const known = dims as number[];
  const target = suggestTarget(known, need.rank - 1);
  if (!target) return { ok: false, message: `${head}: reshape the data to ${need.rank - 1} dimensions per sample with a Reshape before it` };
  const why = input.length === need.rank - 1 ? `, which has no ${need.lastAxis} axis` : '';
  return { ok: false, message: `${head}${why}: insert a Reshape to ${formatShape(target)} before it`, fix: reshapeFix(target) };
}

/** A same-size shape of `rank` dimensions that keeps the data's order, or undefined when there is no natural one. */
function suggestTarget(dims: number[], rank: number): number[] | undefined {
  if (dims.length === rank - 1) return [...dims, 1];
  if (dims.length > rank) {
    const tail = dims.slice(rank - 1).reduce((a, b) => a * b, 1);
    return [...dims.slice(0, rank - 1), tail];
  }
  // A flat vector into an image: only a perfect square has an obvious layout.
  if (dims.length === 1 && rank === 3) {
    const side = Math.round(Math.sqrt(dims[0]));
    if (side * side === dims[0]) return [side, side, 1];
  }
  return undefined;
}

/** Resolves a possibly negative axis against a rank; undefined when it is out of range or the batch axis. */
export function resolveAxis(axis: number, rank: number): number | undefined {
  const a = axis < 0 ? rank + axis : axis;
  return a >= 1 && a < rank ? a : undefined;
}

/** "3×3" for a window, "5" for a single length. */
export const formatDims = (dims: readonly number[]): string => dims.join('×');

/**
 * One spatial output length as tfjs-layers computes it (conv_utils'
 * convOutputLength): "same" keeps ceil(size / stride), "valid" keeps only the
 * positions where the (dilated) window fits.
 */
export function outputLength(size: number, window: number, stride: number, padding: string, dilation = 1): number {
  const span = window + (window - 1) * (dilation - 1);
  const length = padding === 'same' ? size : size - span + 1;
  return Math.floor((length + stride - 1) / stride);
}

/**
 * Output sizes of a sliding window (convolution or pooling) over the spatial
 * axes of `input` (channels-last), or the error when the window does not fit.
 */
export function slide(
  kind: string,
  what: 'kernel' | 'pool',
  input: Shape,
  window: readonly number[],
  strides: readonly number[],
  padding: string,
  dilation: readonly number[] = window.map(() => 1),
): { ok: true; dims: (number | null)[] } | { ok: false; message: string; fix?: Fix } {
  const sizes = input.slice(1, 1 + window.length);
  const dims = sizes.map((s, i) => (s === null ? null : outputLength(s, window[i], strides[i], padding, dilation[i])));
  if (dims.every((d) => d === null || d > 0)) return { ok: true, dims };
  const span = window.map((w, i) => w + (w - 1) * (dilation[i] - 1));
  const spanText = span.some((s, i) => s !== window[i]) ? ` (${formatDims(span)} once dilated)` : '';
  const known = sizes.map((s) => s ?? 0);
  return {
    ok: false,
    message: `${kind}'s ${what} ${formatDims(window)}${spanText} is larger than its ${formatDims(known)} input ${formatShape(input)}, so with padding "valid" nothing is left: use a ${what} of at most ${formatDims(known)}, padding "same", or fewer layers that shrink the input before it`,
    fix: { kind: 'set-param', param: 'padding', value: 'same', label: 'Use padding "same"' },
  };
}
