/**
 * The one resizer of the data path: image folders in the app, the same
 * folders read by an exported program, and the draw-a-digit box all shrink
 * (or enlarge) pictures with it, so a model sees the same pixels wherever its
 * input was made.
 */

/**
 * Area-average resize: each output pixel is the mean of the source area it
 * covers, partial pixels weighted by the share covered. Shrinking a
 * 1000 px photo to 28 px keeps every source pixel's contribution (thin
 * strokes survive, no aliasing); a picture already at the size is copied
 * exactly; enlarging repeats pixels.
 *
 * `src` holds `sw × sh` pixels of `channels` values each, row by row,
 * channels interleaved (e.g. RGB RGB …); the result has the same layout at
 * `dw × dh`.
 * @example
 * resizeArea([0, 100, 200, 250], 4, 1, 2, 1); // Float32Array [50, 225]
 */
export function resizeArea(src: ArrayLike<number>, sw: number, sh: number, dw: number, dh: number, channels = 1): Float32Array {
  const out = new Float32Array(dw * dh * channels);
  const fx = sw / dw;
  const fy = sh / dh;
  // Sums in doubles: a large area of small values would lose digits in float32.
  const sum = new Float64Array(channels);
  for (let y = 0; y < dh; y++) {
    const y0 = y * fy;
    const y1 = y0 + fy;
    const rowEnd = Math.min(sh, Math.ceil(y1));
    for (let x = 0; x < dw; x++) {
      const x0 = x * fx;
      const x1 = x0 + fx;
      const colEnd = Math.min(sw, Math.ceil(x1));
      sum.fill(0);
      let area = 0;
      for (let sy = Math.floor(y0); sy < rowEnd; sy++) {
        const wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        for (let sx = Math.floor(x0); sx < colEnd; sx++) {
          const w = wy * (Math.min(x1, sx + 1) - Math.max(x0, sx));
          const p = (sy * sw + sx) * channels;
          for (let c = 0; c < channels; c++) sum[c] += src[p + c] * w;
          area += w;
        }
      }
      const o = (y * dw + x) * channels;
      for (let c = 0; c < channels; c++) out[o + c] = area > 0 ? sum[c] / area : 0;
    }
  }
  return out;
}
