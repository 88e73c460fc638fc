/**
 * Bilinear resampling from RGBA bytes to the network's input: floats 0–1,
 * one channel (luminance) or three (RGB), row-major, channels last. Alpha is
 * ignored: training pictures are rarely transparent, and compositing would
 * have to guess a background.
 */
import type { Rgba } from './image-decode.ts';

/** ITU-R BT.601 weights, the ones most grayscale conversions use. */
const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * Writes `width × height × channels` values into `out` from `at`. Pixel
 * centres are aligned (a 2× downscale averages 2×2 blocks, an image already
 * at the size is copied exactly).
 */
export function resizeInto(img: Rgba, width: number, height: number, channels: 1 | 3, out: Float32Array, at: number): void {
  const sx = img.width / width;
  const sy = img.height / height;
  const src = img.data;
  const rgb = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), img.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, img.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), img.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, img.width - 1);
      const wx = fx - x0;
      const p00 = (y0 * img.width + x0) * 4;
      const p01 = (y0 * img.width + x1) * 4;
      const p10 = (y1 * img.width + x0) * 4;
      const p11 = (y1 * img.width + x1) * 4;
      for (let c = 0; c < 3; c++) {
        const top = src[p00 + c] + (src[p01 + c] - src[p00 + c]) * wx;
        const bottom = src[p10 + c] + (src[p11 + c] - src[p10 + c]) * wx;
        rgb[c] = (top + (bottom - top) * wy) / 255;
      }
      const o = at + (y * width + x) * channels;
      if (channels === 1) out[o] = LUMA[0] * rgb[0] + LUMA[1] * rgb[1] + LUMA[2] * rgb[2];
      else {
        out[o] = rgb[0];
        out[o + 1] = rgb[1];
        out[o + 2] = rgb[2];
      }
    }
  }
}
