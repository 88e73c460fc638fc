/**
 * Layout and pixels of the first-layer weight pictures: one small image per
 * unit, scaled up by a whole number of device pixels so that every weight is
 * a sharp square, laid out in as many columns as the panel holds.
 */
import type { KernelImages } from '../../../../shared/protocol/trainer.ts';
import { diverging } from './color.ts';

export type KernelPalette = 'grey' | 'diverging';

/**
 * 'layer': one scale for all pictures (the trainer's), so a weak unit looks
 * faint, which is true; 'unit': each picture stretched to its own largest
 * |weight|, which shows the pattern of a weak unit too.
 */
export type KernelContrast = 'layer' | 'unit';

/** Pixel values stretched around 127.5 so the picture's largest |weight| reaches 0 or 255. */
export function stretched(pixels: readonly number[]): number[] {
  let reach = 0;
  for (const p of pixels) reach = Math.max(reach, Math.abs(p - 127.5));
  if (reach < 0.5) return [...pixels];
  const k = 127.5 / reach;
  return pixels.map((p) => Math.round(127.5 + (p - 127.5) * k));
}

export interface KernelLayout {
  readonly cols: number;
  readonly rows: number;
  /** Device pixels per weight (an integer, for crisp nearest-neighbour scaling). */
  readonly scale: number;
  /** One picture's size in CSS px. */
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly gap: number;
  /** The whole grid in CSS px. */
  readonly width: number;
  readonly height: number;
}

/**
 * Pictures about `target` CSS px wide (never below one device pixel per
 * weight), as many per row as fit in `available`.
 *
 * @example kernelLayout(64, 28, 28, 640, 56, 2).cols // 10 (56 px pictures, 4 px gaps)
 */
export function kernelLayout(count: number, imgW: number, imgH: number, available: number, target: number, dpr: number, gap = 4): KernelLayout {
  const scale = Math.max(1, Math.round((target * dpr) / Math.max(1, imgW)));
  const cellWidth = (imgW * scale) / dpr;
  const cellHeight = (imgH * scale) / dpr;
  const fit = Math.floor((Math.max(0, available) + gap) / (cellWidth + gap));
  const cols = Math.max(1, Math.min(count, fit));
  const rows = Math.max(1, Math.ceil(count / cols));
  return {
    cols,
    rows,
    scale,
    cellWidth,
    cellHeight,
    gap,
    width: cols * cellWidth + (cols - 1) * gap,
    height: rows * cellHeight + (rows - 1) * gap,
  };
}

/** The picture under a point of the grid, or -1 (gaps and empty slots included). */
export function kernelIndexAt(l: KernelLayout, count: number, px: number, py: number): number {
  const col = Math.floor(px / (l.cellWidth + l.gap));
  const row = Math.floor(py / (l.cellHeight + l.gap));
  if (col < 0 || row < 0 || col >= l.cols || row >= l.rows) return -1;
  if (px - col * (l.cellWidth + l.gap) > l.cellWidth || py - row * (l.cellHeight + l.gap) > l.cellHeight) return -1;
  const i = row * l.cols + col;
  return i < count ? i : -1;
}

/**
 * RGBA of picture `k` at its own size. The trainer maps −absMax…+absMax to
 * 0…255, so 128 is a zero weight: mid-grey in 'grey', neutral in
 * 'diverging' (blue negative, red positive; grey images only).
 */
export function kernelRgba(images: KernelImages, k: number, palette: KernelPalette = 'grey', dark = false, contrast: KernelContrast = 'layer'): Uint8ClampedArray<ArrayBuffer> {
  const { width, height, channels } = images;
  const src = contrast === 'unit' ? stretched(images.images[k] ?? []) : (images.images[k] ?? []);
  const n = width * height;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    if (channels === 3) {
      out[i * 4] = src[i * 3] ?? 128;
      out[i * 4 + 1] = src[i * 3 + 1] ?? 128;
      out[i * 4 + 2] = src[i * 3 + 2] ?? 128;
    } else if (palette === 'diverging') {
      const c = diverging(((src[i] ?? 128) - 127.5) / 127.5, dark);
      out[i * 4] = c[0];
      out[i * 4 + 1] = c[1];
      out[i * 4 + 2] = c[2];
    } else {
      const v = src[i] ?? 128;
      out[i * 4] = v;
      out[i * 4 + 1] = v;
      out[i * 4 + 2] = v;
    }
    out[i * 4 + 3] = 255;
  }
  return out;
}
