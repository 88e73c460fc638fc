/**
 * Paints the ridge plot: the oldest histogram at the back (top), the newest
 * in front (bottom), each filled so that it hides the ones behind it; colour
 * goes from faint for old snapshots to strong for the newest.
 */
import { parseColor, rgbCss, type Rgb } from './color.ts';
import { formatTick, makeScale, niceStep, niceTicks, type Scale } from './scale.ts';
import type { RidgeCurve } from './ridge.ts';
import type { Theme } from './theme.ts';

export interface RidgeLayout {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly sx: Scale;
  /** Height of one curve at its peak. */
  readonly curveHeight: number;
  /** Baseline (value-axis) y of curve k, k = 0 the oldest. */
  baseline(k: number): number;
}

export function layoutRidge(width: number, height: number, count: number, domain: readonly [number, number]): RidgeLayout {
  const left = 12;
  const right = width - 70;
  const top = 8;
  const bottom = height - 22;
  const span = bottom - top;
  const curveHeight = count > 1 ? Math.max(14, span * 0.4) : span;
  const gap = count > 1 ? (span - curveHeight) / (count - 1) : 0;
  return {
    left,
    right,
    top,
    bottom,
    sx: makeScale(domain, [left, right]),
    curveHeight,
    baseline: (k) => top + curveHeight + k * gap,
  };
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const at = (i: 0 | 1 | 2) => Math.round(a[i] + (b[i] - a[i]) * t);
  return [at(0), at(1), at(2)];
}

export function drawRidge(ctx: CanvasRenderingContext2D, l: RidgeLayout, curves: readonly RidgeCurve[], theme: Theme, accent: string, highlight: number): void {
  const panel = parseColor(theme.panel) ?? (theme.dark ? [32, 37, 45] : [255, 255, 255]);
  const strong = parseColor(accent) ?? [37, 99, 201];
  const n = curves.length;
  ctx.font = `11px ${theme.font}`;
  ctx.lineJoin = 'round';
  const labelEvery = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((l.bottom - l.top) / 16))));
  for (let k = 0; k < n; k++) {
    const c = curves[k];
    const base = l.baseline(k);
    const age = n > 1 ? k / (n - 1) : 1;
    ctx.beginPath();
    ctx.moveTo(l.sx(c.xs[0]), base);
    for (let i = 0; i < c.xs.length; i++) ctx.lineTo(l.sx(c.xs[i]), base - c.ys[i] * l.curveHeight);
    ctx.lineTo(l.sx(c.xs[c.xs.length - 1]), base);
    ctx.closePath();
    ctx.fillStyle = rgbCss(mix(panel, strong, 0.12 + 0.5 * age));
    ctx.fill();
    ctx.lineWidth = k === highlight ? 2 : 1;
    ctx.strokeStyle = k === highlight ? theme.text : rgbCss(mix(panel, strong, 0.45 + 0.55 * age));
    ctx.stroke();
    if (k === highlight || k === n - 1 || (n - 1 - k) % labelEvery === 0) {
      ctx.fillStyle = k === highlight ? theme.text : theme.muted;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(`step ${c.frame.step.toLocaleString('en-US')}`, l.right + 8, base - 4);
    }
  }
  const [d0, d1] = l.sx.domain;
  const ticks = niceTicks(d0, d1, Math.max(2, Math.floor((l.right - l.left) / 70)));
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : niceStep(d1 - d0);
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(l.left, l.bottom + 0.5);
  ctx.lineTo(l.right, l.bottom + 0.5);
  ctx.stroke();
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of ticks) {
    const x = l.sx(t);
    ctx.beginPath();
    ctx.moveTo(x, l.bottom);
    ctx.lineTo(x, l.bottom + 4);
    ctx.stroke();
    ctx.fillText(formatTick(t, step), x, l.bottom + 6);
  }
}
