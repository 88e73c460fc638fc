/**
 * Paints a line plot from a computed layout: grid and tick labels, min/max
 * bands, lines (broken at gaps), dots, and vertical markers. Everything is
 * clipped to the plotting area so that a robust y range simply cuts spikes.
 */
import type { PlotLayout, PlotLine, PlotMarker } from './plot.ts';
import type { Theme } from './theme.ts';

function drawAxes(ctx: CanvasRenderingContext2D, l: PlotLayout, theme: Theme, xLabel: string | undefined): void {
  ctx.font = `11px ${theme.font}`;
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.muted;
  ctx.globalAlpha = 0.6;
  ctx.beginPath();
  for (const t of l.yTicks) {
    const y = Math.round(t.at) + 0.5;
    ctx.moveTo(l.left, y);
    ctx.lineTo(l.right, y);
  }
  for (const t of l.xTicks) {
    const x = Math.round(t.at) + 0.5;
    ctx.moveTo(x, l.top);
    ctx.lineTo(x, l.bottom);
  }
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.beginPath();
  ctx.moveTo(l.left + 0.5, l.top);
  ctx.lineTo(l.left + 0.5, l.bottom + 0.5);
  ctx.lineTo(l.right, l.bottom + 0.5);
  ctx.stroke();
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of l.yTicks) ctx.fillText(t.label, l.left - 6, t.at);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  // An end label centred on its tick would be cut by the canvas edge; slide it in instead.
  for (const t of l.xTicks) {
    const half = ctx.measureText(t.label).width / 2;
    ctx.fillText(t.label, Math.min(Math.max(t.at, half + 1), l.width - half - 1), l.bottom + 5);
  }
  if (xLabel) ctx.fillText(xLabel, (l.left + l.right) / 2, l.bottom + 19);
}

function drawBand(ctx: CanvasRenderingContext2D, l: PlotLayout, line: PlotLine, n: number): void {
  const band = line.band;
  if (!band || n < 2) return;
  ctx.beginPath();
  for (let i = 0; i < n; i++) ctx.lineTo(l.sx(line.x[i]), l.sy(band.hi[i]));
  for (let i = n - 1; i >= 0; i--) ctx.lineTo(l.sx(line.x[i]), l.sy(band.lo[i]));
  ctx.closePath();
  ctx.fillStyle = line.color;
  ctx.globalAlpha = 0.1;
  ctx.fill();
  ctx.globalAlpha = 1;
}

function drawLine(ctx: CanvasRenderingContext2D, l: PlotLayout, line: PlotLine, n: number): void {
  ctx.strokeStyle = line.color;
  ctx.lineWidth = line.width ?? 1.6;
  ctx.globalAlpha = line.alpha ?? 1;
  ctx.setLineDash(line.dash ? [...line.dash] : []);
  ctx.lineJoin = 'round';
  ctx.beginPath();
  let open = false;
  for (let i = 0; i < n; i++) {
    const y = line.y[i];
    if (!Number.isFinite(y) || (l.sy.log && y <= 0)) {
      open = false;
      continue;
    }
    const px = l.sx(line.x[i]);
    const py = l.sy(y);
    if (open) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    open = true;
  }
  if (line.line !== false) ctx.stroke();
  ctx.setLineDash([]);
  if (line.dots && n <= 400) {
    ctx.fillStyle = line.color;
    for (let i = 0; i < n; i++) {
      const y = line.y[i];
      if (!Number.isFinite(y)) continue;
      ctx.beginPath();
      ctx.arc(l.sx(line.x[i]), l.sy(y), n > 60 ? 1.8 : 2.8, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  ctx.globalAlpha = 1;
}

function drawMarkers(ctx: CanvasRenderingContext2D, l: PlotLayout, markers: readonly PlotMarker[]): void {
  ctx.lineWidth = 1.2;
  ctx.setLineDash([3, 3]);
  for (const m of markers) {
    const x = Math.round(l.sx(m.x)) + 0.5;
    if (x < l.left || x > l.right) continue;
    ctx.strokeStyle = m.color;
    ctx.beginPath();
    ctx.moveTo(x, l.top);
    ctx.lineTo(x, l.bottom);
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

export function drawPlot(ctx: CanvasRenderingContext2D, l: PlotLayout, lines: readonly PlotLine[], markers: readonly PlotMarker[], theme: Theme, xLabel?: string): void {
  drawAxes(ctx, l, theme, xLabel);
  ctx.save();
  ctx.beginPath();
  ctx.rect(l.left, l.top - 1, l.right - l.left + 1, l.bottom - l.top + 2);
  ctx.clip();
  drawMarkers(ctx, l, markers);
  for (const line of lines) drawBand(ctx, l, line, Math.min(line.length ?? line.x.length, line.x.length));
  for (const line of lines) drawLine(ctx, l, line, Math.min(line.length ?? line.x.length, line.x.length, line.y.length));
  ctx.restore();
}
