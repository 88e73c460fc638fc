/**
 * Turning a drawing or a photo into an input the way MNIST was made: grey
 * values 0…1 (ink = 1), the ink's bounding box scaled to fit a 20 × 20 box
 * inside 28 × 28 (keeping its aspect), then shifted so that the centre of
 * mass sits in the middle. A model trained on MNIST expects exactly this;
 * a digit drawn small in a corner is otherwise a different input.
 */
import { resizeArea } from '../../../../shared/datasets/resize-area.ts';

/** The data path's one resizer (image folders use it too), so a drawn digit is shrunk as training pictures are. */
export { resizeArea };

/** Grey 0…1 from RGBA bytes. Light backgrounds (paper, a white canvas) are inverted so that ink becomes bright. */
export function rgbaToGrey(rgba: ArrayLike<number>, width: number, height: number, invertLight = true): Float32Array {
  const n = width * height;
  const out = new Float32Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const a = rgba[i * 4 + 3] / 255;
    // Transparent pixels count as background (black), whatever their colour bytes say.
    const v = ((0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2]) / 255) * a;
    out[i] = v;
    sum += v;
  }
  if (invertLight && n > 0 && sum / n > 0.5) for (let i = 0; i < n; i++) out[i] = 1 - out[i];
  return out;
}

/**
 * Paper in a photo is never pure white, so after inverting it is a dim grey
 * that MNIST never has. The median is the background (most of a digit
 * picture is paper): it becomes 0 and the brightest ink 1.
 */
export function stretchInk(grey: Float32Array): Float32Array {
  if (!grey.length) return grey;
  const sorted = Float32Array.from(grey).sort();
  const bg = sorted[Math.floor(sorted.length / 2)];
  const top = sorted[sorted.length - 1];
  if (!(top - bg > 1e-6)) return new Float32Array(grey.length);
  return grey.map((v) => Math.min(1, Math.max(0, (v - bg) / (top - bg))));
}

/** The smallest box holding every pixel above `threshold`: inclusive x0,y0, exclusive x1,y1; null when blank. */
export function inkBox(src: ArrayLike<number>, width: number, height: number, threshold = 0.05): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (src[y * width + x] <= threshold) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** Intensity-weighted centre in pixel coordinates (pixel i's centre is i + ½); null when blank. */
export function centreOfMass(src: ArrayLike<number>, width: number, height: number): { x: number; y: number } | null {
  let m = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = src[y * width + x];
      m += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : null;
}

/**
 * MNIST-style framing of a grey image into outW × outH: the ink box scaled so
 * its longer side is `fit` of the output (20/28 for MNIST), centre of mass
 * moved to the middle (whole pixels, as MNIST did). A blank input gives a
 * blank output.
 */
export function frameLikeMnist(src: ArrayLike<number>, width: number, height: number, outW = 28, outH = 28, fit = 20 / 28): Float32Array {
  const out = new Float32Array(outW * outH);
  const box = inkBox(src, width, height);
  if (!box) return out;
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  const crop = new Float32Array(bw * bh);
  for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) crop[y * bw + x] = src[(y + box.y0) * width + x + box.x0];
  const scale = Math.min((fit * outW) / bw, (fit * outH) / bh);
  const sw = Math.max(1, Math.min(outW, Math.round(bw * scale)));
  const sh = Math.max(1, Math.min(outH, Math.round(bh * scale)));
  const small = resizeArea(crop, bw, bh, sw, sh);
  const c = centreOfMass(small, sw, sh) ?? { x: sw / 2, y: sh / 2 };
  const dx = Math.round(outW / 2 - c.x);
  const dy = Math.round(outH / 2 - c.y);
  for (let y = 0; y < sh; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= outH) continue;
    for (let x = 0; x < sw; x++) {
      const tx = x + dx;
      if (tx >= 0 && tx < outW) out[ty * outW + tx] = Math.min(1, small[y * sw + x]);
    }
  }
  return out;
}

/** Brush width for a drawing box of `side` px: MNIST strokes are about 2.5 px of 28, a tenth of the box. */
export function brushWidth(side: number): number {
  return Math.max(4, side / 11);
}
