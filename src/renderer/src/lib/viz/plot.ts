/**
 * The geometry of a line plot, kept apart from the canvas so that it can be
 * tested: which range each axis covers, where the ticks go, how wide the
 * margins must be for the labels, and which point a hover lands on.
 */
import { extent, formatLogTick, formatTick, logDomain, logTicks, makeScale, niceDomain, niceStep, niceTicks, robustExtent, type Scale } from './scale.ts';
import { nearestIndex } from './series.ts';

/** One curve. x must ascend. */
export interface PlotLine {
  readonly id: string;
  /** Name in the legend and the hover read-out. */
  readonly label: string;
  readonly color: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Points to use (defaults to x.length). */
  readonly length?: number;
  /** Canvas dash pattern, e.g. [6, 4] for a compared run. */
  readonly dash?: readonly number[];
  readonly width?: number;
  /** 0…1; raw batch values are drawn faint under their smoothed curve. */
  readonly alpha?: number;
  /** Draw a dot at every point (epoch records). */
  readonly dots?: boolean;
  /** Draw the connecting line (default true); false with `dots` gives a scatter. */
  readonly line?: boolean;
  /** Min/max envelope drawn as a faint band (downsampled batch values). */
  readonly band?: { readonly lo: ArrayLike<number>; readonly hi: ArrayLike<number> };
  /** Listed in the hover read-out (default true). */
  readonly hover?: boolean;
  /** Counts towards the y range (default true). */
  readonly scales?: boolean;
}

/** A legend entry: a series name with a sample of its stroke. */
export interface LegendItem {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly dash?: readonly number[];
  /** How the series is drawn: a line, dots, both, or a faint line. */
  readonly mark: 'line' | 'dots' | 'both' | 'faint';
}

/** A vertical mark at one x, e.g. an alert from the trainer. */
export interface PlotMarker {
  readonly x: number;
  readonly color: string;
  /** One or two characters shown at the top of the line. */
  readonly glyph: string;
  /** Text for the hover read-out. */
  readonly title: string;
}

export interface DomainOptions {
  readonly logY?: boolean;
  /** Ignore the extreme 1 % at each end of the y values (early spikes). */
  readonly robust?: boolean;
  /** Never show beyond these bounds (accuracy: [0, 1]). */
  readonly yClamp?: readonly [number, number];
  /** Always include this y value (0 for losses on a linear axis). */
  readonly yInclude?: number;
  readonly xDomain?: readonly [number, number];
}

export interface Domains {
  readonly x: [number, number];
  readonly y: [number, number];
}

function* values(a: ArrayLike<number>, n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield a[i];
}

const len = (l: PlotLine) => Math.min(l.length ?? l.x.length, l.x.length, l.y.length);

/** The ranges the axes cover, or null when no line has a finite point. */
export function plotDomains(lines: readonly PlotLine[], opts: DomainOptions = {}): Domains | null {
  let xs: [number, number] | null = null;
  let ys: [number, number] | null = null;
  const ysAll: number[] = [];
  for (const line of lines) {
    const n = len(line);
    if (!n) continue;
    const ex = extent(values(line.x, n));
    if (ex) xs = xs ? [Math.min(xs[0], ex[0]), Math.max(xs[1], ex[1])] : ex;
    if (line.scales === false) continue;
    for (let i = 0; i < n; i++) {
      const v = line.y[i];
      if (Number.isFinite(v) && (!opts.logY || v > 0)) ysAll.push(v);
    }
  }
  if (!xs) return null;
  ys = opts.robust && ysAll.length > 20 ? robustExtent(ysAll, 0.01) : extent(ysAll);
  if (!ys) return null;
  if (opts.yInclude !== undefined && !opts.logY) ys = [Math.min(ys[0], opts.yInclude), Math.max(ys[1], opts.yInclude)];
  let y: [number, number] = opts.logY ? logDomain(ys[0], ys[1]) : niceDomain(ys[0], ys[1]);
  if (opts.yClamp) y = [Math.max(y[0], opts.yClamp[0]), Math.min(y[1], opts.yClamp[1])];
  if (!(y[1] > y[0])) y = [y[0], y[0] + 1];
  let x: [number, number] = opts.xDomain ? [opts.xDomain[0], opts.xDomain[1]] : xs;
  if (x[0] === x[1]) x = [x[0] - 0.5, x[1] + 0.5];
  return { x, y };
}

export interface Tick {
  readonly value: number;
  readonly label: string;
  /** Pixel position along its axis. */
  readonly at: number;
}

export interface PlotLayout {
  readonly width: number;
  readonly height: number;
  /** The plotting area inside the axes. */
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly sx: Scale;
  readonly sy: Scale;
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
}

/** Rough width of a label in the charts' 11 px font; close enough for a margin. */
export function labelWidth(text: string): number {
  return text.length * 6.4;
}

export function layoutPlot(width: number, height: number, domains: Domains, opts: { logY?: boolean; xLabel?: boolean; formatX?: (v: number, step: number) => string } = {}): PlotLayout {
  const [y0, y1] = domains.y;
  const yValues = opts.logY ? logTicks(y0, y1) : niceTicks(y0, y1, Math.max(2, Math.round(height / 45)));
  const yStep = yValues.length > 1 ? Math.abs(yValues[1] - yValues[0]) : niceStep(y1 - y0);
  const yLabels = yValues.map((v) => (opts.logY ? formatLogTick(v) : formatTick(v, yStep)));
  const left = Math.ceil(Math.max(24, ...yLabels.map(labelWidth)) + 10);
  const top = 8;
  const right = width - 12;
  const bottom = height - (opts.xLabel ? 34 : 20);
  const sx = makeScale(domains.x, [left, right]);
  const sy = makeScale(domains.y, [bottom, top], opts.logY);
  const xCount = Math.max(2, Math.floor((right - left) / 70));
  const xValues = niceTicks(domains.x[0], domains.x[1], xCount);
  const xStep = xValues.length > 1 ? xValues[1] - xValues[0] : niceStep(domains.x[1] - domains.x[0]);
  const fx = opts.formatX ?? formatTick;
  return {
    width,
    height,
    left,
    top,
    right,
    bottom,
    sx,
    sy,
    xTicks: xValues.map((v) => ({ value: v, label: fx(v, xStep), at: sx(v) })),
    yTicks: yValues.map((v, i) => ({ value: v, label: yLabels[i], at: sy(v) })),
  };
}

export interface HoverRow {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly x: number;
  readonly y: number;
  /** Pixel position of the point. */
  readonly px: number;
  readonly py: number;
}

/**
 * The point of each hoverable line nearest to pixel column `px`, limited to
 * lines that have a point within `reach` pixels (a finished compared run
 * should not answer for an x it never reached).
 */
export function hoverRows(lines: readonly PlotLine[], layout: PlotLayout, px: number, reach = 24): HoverRow[] {
  const x = layout.sx.invert(px);
  const rows: HoverRow[] = [];
  for (const line of lines) {
    if (line.hover === false) continue;
    const n = len(line);
    const i = nearestIndex(line.x, x, n);
    if (i < 0) continue;
    const pxPoint = layout.sx(line.x[i]);
    const y = line.y[i];
    if (Math.abs(pxPoint - px) > reach || !Number.isFinite(y)) continue;
    rows.push({ id: line.id, label: line.label, color: line.color, x: line.x[i], y, px: pxPoint, py: layout.sy(y) });
  }
  return rows;
}
