/**
 * Paints the decision-boundary view: the model's output grid stretched over
 * the plane (smoothly, as Playground does), the frame with its ticks, and the
 * data points on top — training points filled with a light ring, test points
 * hollow — so that points stay visible on any background.
 */
import type { PreviewPoint } from '../../../../shared/protocol/training-api.ts';
import { boundaryPixels, planeTicks, refineGrid, toPixel, type Plane, type PlaneBox } from './boundary.ts';
import { classColor, PLAYGROUND_BLUE, rgbCss } from './color.ts';
import { formatTick } from './scale.ts';
import type { Theme } from './theme.ts';
import type { BoundaryEvent } from '../../../../shared/run/index.ts';

/** Margins around the square plot for tick labels and axis names. */
export const BOUNDARY_MARGIN = { left: 34, right: 8, top: 6, bottom: 30 } as const;

export function boundaryBox(size: number): PlaneBox & { outerHeight: number } {
  const m = BOUNDARY_MARGIN;
  const side = Math.max(40, size - m.left - m.right);
  return { left: m.left, top: m.top, width: side, height: side, outerHeight: m.top + side + m.bottom };
}

export function drawOutput(ctx: CanvasRenderingContext2D, b: BoundaryEvent, plane: Plane, box: PlaneBox, dark: boolean, discrete = false): void {
  // Discretized, the output is thresholded after a finer resampling so that the class edge is a line, not a staircase of cells.
  const grid = discrete ? refineGrid(b, 4) : b;
  const raster = document.createElement('canvas');
  raster.width = grid.size;
  raster.height = grid.size;
  const rctx = raster.getContext('2d');
  if (!rctx) return;
  rctx.putImageData(new ImageData(boundaryPixels(grid, dark, discrete), grid.size, grid.size), 0, 0);
  const a = toPixel(plane, box, b.xMin, b.yMax);
  const z = toPixel(plane, box, b.xMax, b.yMin);
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.left, box.top, box.width, box.height);
  ctx.clip();
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(raster, a.px, a.py, z.px - a.px, z.py - a.py);
  ctx.restore();
}

export function drawFrame(ctx: CanvasRenderingContext2D, plane: Plane, box: PlaneBox, theme: Theme, axes: readonly [string, string] | undefined): void {
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(box.left - 0.5, box.top - 0.5, box.width + 1, box.height + 1);
  ctx.font = `10px ${theme.font}`;
  ctx.fillStyle = theme.muted;
  const xs = planeTicks(plane.xMin, plane.xMax, box.width);
  const ys = planeTicks(plane.yMin, plane.yMax, box.height);
  const step = (t: number[]) => (t.length > 1 ? t[1] - t[0] : 1);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.beginPath();
  for (const v of xs) {
    const { px } = toPixel(plane, box, v, plane.yMin);
    ctx.moveTo(Math.round(px) + 0.5, box.top + box.height);
    ctx.lineTo(Math.round(px) + 0.5, box.top + box.height + 3);
    ctx.fillText(formatTick(v, step(xs)), px, box.top + box.height + 4);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of ys) {
    const { py } = toPixel(plane, box, plane.xMin, v);
    ctx.moveTo(box.left - 3, Math.round(py) + 0.5);
    ctx.lineTo(box.left, Math.round(py) + 0.5);
    ctx.fillText(formatTick(v, step(ys)), box.left - 5, py);
  }
  ctx.stroke();
  if (axes) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(axes[0], box.left + box.width / 2, box.top + box.height + 29);
    ctx.save();
    ctx.translate(9, box.top + box.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(axes[1], 0, 0);
    ctx.restore();
  }
}

export interface PointStyle {
  readonly hollow: boolean;
  readonly radius: number;
  /** Regression sets have no classes: every point takes one colour. */
  readonly regression: boolean;
}

export function drawPoints(ctx: CanvasRenderingContext2D, points: readonly PreviewPoint[], pixels: readonly { px: number; py: number }[], style: PointStyle, dark: boolean): void {
  const ring = dark ? 'rgba(12, 14, 18, 0.9)' : 'rgba(255, 255, 255, 0.95)';
  for (let i = 0; i < points.length; i++) {
    const { px, py } = pixels[i];
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    const color = rgbCss(style.regression ? PLAYGROUND_BLUE : classColor(points[i].label));
    ctx.beginPath();
    ctx.arc(px, py, style.radius, 0, Math.PI * 2);
    if (style.hollow) {
      ctx.lineWidth = 3.2;
      ctx.strokeStyle = ring;
      ctx.stroke();
      ctx.lineWidth = 1.6;
      ctx.strokeStyle = color;
      ctx.stroke();
    } else {
      ctx.fillStyle = color;
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = ring;
      ctx.stroke();
    }
  }
}
