/**
 * Pictures of weights for the dashboard, computed on the host from values
 * read once per snapshot: histograms, a heat map shrunk to at most 64×64, and
 * first-layer kernels drawn as images. Sizes are capped so that a snapshot of
 * any model stays a few hundred kilobytes of JSON.
 */
import type { Histogram, KernelImages, MatrixPreview } from '../../shared/protocol/trainer.ts';

const MAX_SIDE = 64;
const MAX_IMAGES = 64;

/** Four significant digits: enough for a chart, and a third of the JSON of a full double. */
export function round4(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(4)) : v;
}

/** Indexed loops over a typed count array: a snapshot bins every weight of the model, a few hundred thousand values. */
export function histogram(values: Float32Array, bins = 30): Histogram {
  let min = Infinity;
  let max = -Infinity;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!n || !Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 0, counts: new Array<number>(bins).fill(0) };
  const counts = new Float64Array(bins);
  const scale = bins / (max - min || 1);
  const last = bins - 1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // NaN and ±Infinity fail this test and are left out of the bins.
    if (v - v === 0) {
      const k = ((v - min) * scale) | 0;
      counts[k > last ? last : k]++;
    }
  }
  return { min: round4(min), max: round4(max), counts: Array.from(counts) };
}

export function meanStd(values: Float32Array): { mean: number; std: number } {
  const n = values.length;
  if (!n) return { mean: 0, std: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    sq += d * d;
  }
  return { mean: round4(mean), std: round4(Math.sqrt(sq / n)) };
}

/** Block means of a rows × cols row-major matrix, shrunk to at most 64 on each side. */
export function matrixPreview(values: Float32Array, rows: number, cols: number): MatrixPreview {
  const outRows = Math.min(rows, MAX_SIDE);
  const outCols = Math.min(cols, MAX_SIDE);
  const sums = new Float64Array(outRows * outCols);
  const counts = new Uint32Array(outRows * outCols);
  for (let r = 0; r < rows; r++) {
    const or = Math.floor((r * outRows) / rows);
    for (let c = 0; c < cols; c++) {
      const k = or * outCols + Math.floor((c * outCols) / cols);
      sums[k] += values[r * cols + c];
      counts[k]++;
    }
  }
  return { rows: outRows, cols: outCols, sourceRows: rows, sourceCols: cols, values: Array.from(sums, (s, k) => round4(s / counts[k])) };
}

/** Maps ±absMax to 0…255 with 0 at mid-grey. */
function quantise(v: number, absMax: number): number {
  return Math.max(0, Math.min(255, Math.round(((v / absMax + 1) / 2) * 255)));
}

function absMaxOf(values: Float32Array): number {
  let m = 0;
  for (const v of values) if (Math.abs(v) > m) m = Math.abs(v);
  return m || 1;
}

/**
 * A Dense layer fed by a flattened image: unit u's column of the kernel
 * [h·w·c, units] is a picture of what it responds to. Channels other than 1 or
 * 3 are averaged to grey.
 */
export function denseImages(kernel: Float32Array, image: readonly [number, number, number], units: number): KernelImages {
  const [h, w, c] = image;
  const channels = c === 3 ? 3 : 1;
  const absMax = absMaxOf(kernel);
  const shown = Math.min(units, MAX_IMAGES);
  const images: number[][] = [];
  for (let u = 0; u < shown; u++) {
    const img: number[] = [];
    for (let p = 0; p < h * w; p++) {
      if (channels === 3 || c === 1) {
        for (let k = 0; k < channels; k++) img.push(quantise(kernel[(p * c + k) * units + u], absMax));
      } else {
        let s = 0;
        for (let k = 0; k < c; k++) s += kernel[(p * c + k) * units + u];
        img.push(quantise(s / c, absMax));
      }
    }
    images.push(img);
  }
  return { width: w, height: h, channels, absMax: round4(absMax), images, units };
}

/** Conv2D filters [kh, kw, in, out] as kh × kw pictures, RGB when the input has 3 channels. */
export function convImages(kernel: Float32Array, shape: readonly number[]): KernelImages {
  const [kh, kw, inC, outC] = shape;
  const channels = inC === 3 ? 3 : 1;
  const absMax = absMaxOf(kernel);
  const shown = Math.min(outC, MAX_IMAGES);
  const images: number[][] = [];
  for (let o = 0; o < shown; o++) {
    const img: number[] = [];
    for (let p = 0; p < kh * kw; p++) {
      if (channels === 3) for (let k = 0; k < 3; k++) img.push(quantise(kernel[(p * inC + k) * outC + o], absMax));
      else {
        let s = 0;
        for (let k = 0; k < inC; k++) s += kernel[(p * inC + k) * outC + o];
        img.push(quantise(s / inC, absMax));
      }
    }
    images.push(img);
  }
  return { width: kw, height: kh, channels, absMax: round4(absMax), images, units: outC };
}

/** An input sample as 0…255 pixels, scaled by its own range (inputs may be 0–1, 0–255 or standardised). */
export function samplePixels(values: Float32Array): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min || 1;
  return Array.from(values, (v) => Math.round(((v - min) / span) * 255));
}
