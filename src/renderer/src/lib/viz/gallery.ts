/**
 * What the prediction gallery and the image grid need besides drawing: how
 * to read an input shape as a picture, how to turn 0…255 pixels into RGBA,
 * and which samples to show first (the mistakes, most confident first: those
 * say the most about what the model got wrong).
 */
import type { SamplePrediction } from '../../../../shared/protocol/trainer.ts';

export interface ImageShape {
  readonly width: number;
  readonly height: number;
  /** 1 (grey) or 3 (RGB, interleaved). */
  readonly channels: 1 | 3;
}

/**
 * The picture an input shape describes, or null for a table row: [h, w],
 * [h, w, 1] and [h, w, 3] are images; so is a flat [n] when n is a square
 * of at least 8 × 8 (a flattened MNIST row, 784), since no table set has
 * that many columns. A leading null (the batch) is ignored.
 */
export function imageShape(inputShape: readonly (number | null)[]): ImageShape | null {
  const dims = inputShape[0] === null || inputShape[0] === undefined ? inputShape.slice(1) : inputShape;
  if (dims.some((d) => typeof d !== 'number' || !(d > 0))) return null;
  const [a, b, c] = dims as number[];
  if (dims.length === 2) return { height: a, width: b, channels: 1 };
  if (dims.length === 3 && (c === 1 || c === 3)) return { height: a, width: b, channels: c };
  if (dims.length === 1) {
    const side = Math.round(Math.sqrt(a));
    if (side >= 8 && side * side === a) return { height: side, width: side, channels: 1 };
  }
  return null;
}

/**
 * RGBA bytes of an image given as 0…255 grey or RGB values. Inputs that are
 * already scaled to 0…1 (every value ≤ 1) are stretched back to 0…255.
 */
export function imageRgba(pixels: readonly number[], shape: ImageShape): Uint8ClampedArray<ArrayBuffer> {
  const n = shape.width * shape.height;
  const out = new Uint8ClampedArray(n * 4);
  let max = 0;
  for (let i = 0; i < pixels.length; i++) if (pixels[i] > max) max = pixels[i];
  const k = max > 0 && max <= 1 ? 255 : 1;
  for (let i = 0; i < n; i++) {
    if (shape.channels === 1) {
      const v = (pixels[i] ?? 0) * k;
      out[i * 4] = v;
      out[i * 4 + 1] = v;
      out[i * 4 + 2] = v;
    } else {
      out[i * 4] = (pixels[i * 3] ?? 0) * k;
      out[i * 4 + 1] = (pixels[i * 3 + 1] ?? 0) * k;
      out[i * 4 + 2] = (pixels[i * 3 + 2] ?? 0) * k;
    }
    out[i * 4 + 3] = 255;
  }
  return out;
}

export function isMistake(p: SamplePrediction): boolean {
  switch (p.task) {
    case 'classification':
      return p.predicted !== p.label;
    case 'regression':
      return false;
    default:
      throw new Error(`isMistake: unknown task ${JSON.stringify(p satisfies never)}`);
  }
}

/** Mean absolute difference between target and output. */
export function regressionError(p: Extract<SamplePrediction, { task: 'regression' }>): number {
  const n = Math.min(p.target.length, p.output.length);
  if (!n) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(p.target[i] - p.output[i]);
  return sum / n;
}

/**
 * The order to show samples in. Classification: mistakes first, the most
 * confident mistake first; then correct ones, the least confident first
 * (the near misses). Regression: the largest error first. Ties keep the
 * test-set order.
 */
export function orderPredictions(predictions: readonly SamplePrediction[]): SamplePrediction[] {
  const rank = (p: SamplePrediction): [number, number] => {
    switch (p.task) {
      case 'classification':
        return p.predicted !== p.label ? [0, -p.confidence] : [1, p.confidence];
      case 'regression':
        return [0, -regressionError(p)];
      default:
        throw new Error(`orderPredictions: unknown task ${JSON.stringify(p satisfies never)}`);
    }
  };
  return predictions
    .map((p, i) => ({ p, i, r: rank(p) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i)
    .map((e) => e.p);
}

/** Up to `max` inputs of a table row as short numbers: "0.12, −3.4, 7". */
export function inputSummary(input: readonly number[], max = 6): string {
  const shown = input.slice(0, max).map((v) => String(Number(v.toPrecision(3))).replace('-', '−'));
  return input.length > max ? `${shown.join(', ')}, … (${input.length})` : shown.join(', ');
}

/** Integer upscale so a small image is drawn about `target` CSS px wide with whole pixels. */
export function pixelScale(width: number, target: number): number {
  return Math.max(1, Math.round(target / Math.max(1, width)));
}
