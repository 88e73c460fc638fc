/**
 * The decision-boundary picture, TensorFlow Playground's main view: which
 * colour each grid cell gets from the model's output, the plane the points
 * are drawn in, and where a point or a pixel lands. Kept apart from the
 * canvas so that the colours and the geometry can be tested.
 */
import type { PreviewPoint } from '../../../../shared/protocol/training-api.ts';
import { classColor, mixRgb, playground, type Rgb } from './color.ts';
import { niceTicks } from './scale.ts';
import type { BoundaryEvent } from '../../../../shared/run/index.ts';

/** A rectangle of the data plane: x across, y up. */
export interface Plane {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** Page colour under the tints; the same as the light and dark panels. */
export function backdrop(dark: boolean): Rgb {
  return dark ? [32, 37, 45] : [255, 255, 255];
}

/**
 * How strongly the heat map is painted: full strength would drown the
 * points, so even a certain cell stays a little lighter than the points.
 */
const STRENGTH = 0.82;

/**
 * Colour of one cell. Two classes: orange (class 0) to blue (class 1) through
 * neutral at p = ½. More classes: the predicted class's colour over the page,
 * from none at chance level (1/K) to STRENGTH when the model is certain.
 * `discrete` (Playground's "discretize output") drops the shading: each cell
 * takes the full colour of the class the model picks, p ≥ ½ counting as
 * class 1, as outputAt does.
 */
export function cellColor(output: number, predicted: number | undefined, numClasses: number, dark: boolean, discrete = false): Rgb {
  const back = backdrop(dark);
  if (discrete) {
    if (numClasses <= 2 || predicted === undefined) return mixRgb(back, playground(output >= 0.5 ? 1 : 0, dark), STRENGTH);
    return mixRgb(back, classColor(predicted), STRENGTH);
  }
  if (numClasses <= 2 || predicted === undefined) return mixRgb(back, playground(output, dark), STRENGTH);
  const chance = 1 / numClasses;
  const confidence = Number.isFinite(output) ? Math.min(1, Math.max(0, (output - chance) / (1 - chance))) : 0;
  return mixRgb(back, classColor(predicted), STRENGTH * confidence);
}

/** RGBA bytes of the whole grid (size × size, row 0 at the top), ready for putImageData. */
export function boundaryPixels(b: BoundaryEvent, dark: boolean, discrete = false): Uint8ClampedArray<ArrayBuffer> {
  const n = b.size * b.size;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const c = cellColor(b.output[i], b.predicted?.[i], b.numClasses, dark, discrete);
    out[i * 4] = c[0];
    out[i * 4 + 1] = c[1];
    out[i * 4 + 2] = c[2];
    out[i * 4 + 3] = 255;
  }
  return out;
}

/**
 * A two-class grid resampled `factor` times finer by bilinear interpolation
 * between cell centres, for the discretized picture: thresholding the coarse
 * cells draws the boundary as a staircase, thresholding the interpolated
 * output draws it as the smooth line the model's output crosses. Grids of
 * more classes carry only the winner per cell and are returned as they are.
 */
export function refineGrid(b: BoundaryEvent, factor: number): BoundaryEvent {
  if (b.numClasses > 2 || factor <= 1) return b;
  const n = b.size;
  const m = n * factor;
  const output = new Array<number>(m * m);
  const at = (r: number, c: number) => b.output[r * n + c];
  const coord = (j: number) => {
    const u = Math.min(n - 1, Math.max(0, (j + 0.5) / factor - 0.5));
    const i = Math.min(n - 2, Math.floor(u));
    return n < 2 ? { i: 0, j: 0, t: 0 } : { i, j: i + 1, t: u - i };
  };
  for (let row = 0; row < m; row++) {
    const y = coord(row);
    for (let col = 0; col < m; col++) {
      const x = coord(col);
      const top = at(y.i, x.i) * (1 - x.t) + at(y.i, x.j) * x.t;
      const bottom = at(y.j, x.i) * (1 - x.t) + at(y.j, x.j) * x.t;
      output[row * m + col] = top * (1 - y.t) + bottom * y.t;
    }
  }
  const { predicted: _coarse, ...rest } = b;
  return { ...rest, size: m, output };
}

/**
 * RGBA bytes of one hidden unit's output. Zero is neutral and the scale is
 * symmetric (orange negative, blue positive), as on Playground's nodes, so a
 * ReLU unit reads as "off" (neutral) or "on" (blue).
 */
export function unitPixels(values: readonly number[], min: number, max: number, dark: boolean): Uint8ClampedArray<ArrayBuffer> {
  const reach = Math.max(Math.abs(min), Math.abs(max)) || 1;
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const c = playground(0.5 + (0.5 * values[i]) / reach, dark);
    out.set([c[0], c[1], c[2], 255], i * 4);
  }
  return out;
}

/**
 * The plane that holds all points with a margin, for a plain scatter. A
 * degenerate side (all x equal) gets a unit-wide span so that points still
 * have somewhere to go. `square` gives both axes the same span (two input
 * features, where a circle must look round); a regression plot (`useLabel`:
 * x against the target) fits each axis on its own.
 */
export function dataPlane(sets: readonly (readonly PreviewPoint[])[], useLabel = false, margin = 0.06, square = !useLabel): Plane {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const set of sets) {
    for (const p of set) {
      const y = useLabel ? p.label : p.y;
      if (!Number.isFinite(p.x) || !Number.isFinite(y)) continue;
      x0 = Math.min(x0, p.x);
      x1 = Math.max(x1, p.x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  if (!(x0 <= x1)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const pad = (lo: number, hi: number): [number, number] => {
    const span = hi - lo;
    if (span <= 0) return [lo - 0.5, hi + 0.5];
    return [lo - span * margin, hi + span * margin];
  };
  if (square) {
    const half = Math.max(x1 - x0, y1 - y0) / 2;
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    [x0, x1, y0, y1] = [cx - half, cx + half, cy - half, cy + half];
  }
  const [xMin, xMax] = pad(x0, x1);
  const [yMin, yMax] = pad(y0, y1);
  return { xMin, xMax, yMin, yMax };
}

/** Pixel mapping of a plane into a box: x grows right, y grows up. */
export interface PlaneBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export function toPixel(plane: Plane, box: PlaneBox, x: number, y: number): { px: number; py: number } {
  return {
    px: box.left + ((x - plane.xMin) / (plane.xMax - plane.xMin || 1)) * box.width,
    py: box.top + ((plane.yMax - y) / (plane.yMax - plane.yMin || 1)) * box.height,
  };
}

export function fromPixel(plane: Plane, box: PlaneBox, px: number, py: number): { x: number; y: number } {
  return {
    x: plane.xMin + ((px - box.left) / box.width) * (plane.xMax - plane.xMin),
    y: plane.yMax - ((py - box.top) / box.height) * (plane.yMax - plane.yMin),
  };
}

/** The model's answer at a point of the plane: the cell holding it, or null outside the grid. */
export function outputAt(b: BoundaryEvent, x: number, y: number): { output: number; predicted: number } | null {
  const col = Math.floor(((x - b.xMin) / (b.xMax - b.xMin)) * b.size);
  const row = Math.floor(((b.yMax - y) / (b.yMax - b.yMin)) * b.size);
  if (!(col >= 0 && col < b.size && row >= 0 && row < b.size)) return null;
  const i = row * b.size + col;
  const output = b.output[i];
  const predicted = b.numClasses <= 2 ? (output >= 0.5 ? 1 : 0) : (b.predicted?.[i] ?? 0);
  return { output, predicted };
}

/** Index of the point nearest to a pixel within `reach` pixels, or -1. */
export function nearestPoint(points: readonly { px: number; py: number }[], px: number, py: number, reach = 8): number {
  let best = -1;
  let bestD = reach * reach;
  for (let i = 0; i < points.length; i++) {
    const dx = points[i].px - px;
    const dy = points[i].py - py;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/**
 * Ticks for one side of the square plot: about one per 55 px, but at least
 * three, since 1-2-5 steps can leave a padded range like −4.9…4.9 with only
 * its 0 when asked for three ticks.
 *
 * @example planeTicks(-4.9, 4.9, 178) // [-4, -2, 0, 2, 4]
 */
export function planeTicks(lo: number, hi: number, pixels: number): number[] {
  let count = Math.max(2, Math.floor(pixels / 55));
  let ticks = niceTicks(lo, hi, count);
  while (ticks.length < 3 && count < 16) {
    count *= 2;
    ticks = niceTicks(lo, hi, count);
  }
  return ticks;
}
