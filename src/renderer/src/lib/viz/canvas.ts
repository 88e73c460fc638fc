/**
 * Canvas set-up shared by the charts: the backing store follows the device
 * pixel ratio so that lines stay sharp on high-density screens, while drawing
 * code works in CSS pixels.
 */

/** Sizes the canvas for `width` × `height` CSS pixels and returns a cleared context in CSS-pixel units, or null when there is nothing to draw on. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  if (width <= 0 || height <= 0) return null;
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/**
 * Paints a small raster (one pixel per cell) into a canvas whose CSS size
 * scales it up; CSS `image-rendering: pixelated` keeps the cells crisp.
 * `fill(i)` returns the RGBA of cell i (row-major).
 */
export function paintRaster(canvas: HTMLCanvasElement, width: number, height: number, fill: (i: number, out: Uint8ClampedArray, at: number) => void): void {
  if (width <= 0 || height <= 0) return;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(width, height);
  for (let i = 0; i < width * height; i++) fill(i, image.data, i * 4);
  ctx.putImageData(image, 0, 0);
}
