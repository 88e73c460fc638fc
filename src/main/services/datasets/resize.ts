/**
 * A decoded picture to the network's input: floats 0–1, one channel
 * (luminance) or three (RGB), row-major, channels last, at the project's
 * size. The size is reached with the area-average resizer every part of
 * Netwright uses. Alpha is ignored: training pictures are rarely transparent,
 * and compositing would have to guess a background.
 */
import { resizeArea } from '../../../shared/datasets/resize-area.ts';
import type { Rgba } from './image-decode.ts';

/** ITU-R BT.601 weights, the ones most grayscale conversions use. */
const LUMA = [0.299, 0.587, 0.114] as const;

/** Per pixel: the luminance, or red, green and blue, each 0–1. */
function channelValues(img: Rgba, channels: 1 | 3): Float32Array {
  const n = img.width * img.height;
  const src = img.data;
  const out = new Float32Array(n * channels);
  for (let i = 0; i < n; i++) {
    const r = src[i * 4] / 255;
    const g = src[i * 4 + 1] / 255;
    const b = src[i * 4 + 2] / 255;
    if (channels === 1) out[i] = LUMA[0] * r + LUMA[1] * g + LUMA[2] * b;
    else {
      out[i * 3] = r;
      out[i * 3 + 1] = g;
      out[i * 3 + 2] = b;
    }
  }
  return out;
}

/** Writes `width × height × channels` values into `out` from `at`. */
export function resizeInto(img: Rgba, width: number, height: number, channels: 1 | 3, out: Float32Array, at: number): void {
  out.set(resizeArea(channelValues(img, channels), img.width, img.height, width, height, channels), at);
}
