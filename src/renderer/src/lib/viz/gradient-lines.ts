/**
 * Gradient norms per layer as plot lines, and the conversion from a run's
 * gradient series (curves.ts) to the plain points GradientNorms takes.
 */
import { seriesColor } from './color.ts';
import type { PlotLine } from './plot.ts';
import type { GradientSeries } from './curves.ts';

export interface GradientPoint {
  readonly step: number;
  readonly value: number;
}

/** One layer's gradient L2 norm over training steps. */
export interface LayerGradients {
  readonly layer: string;
  readonly points: readonly GradientPoint[];
}

/** One line per layer, in the order given, coloured by position so that a layer keeps its colour as others appear after it. */
export function gradientLines(series: readonly LayerGradients[], dark: boolean): PlotLine[] {
  return series.map((s, i) => {
    const x = new Float64Array(s.points.length);
    const y = new Float64Array(s.points.length);
    s.points.forEach((p, j) => {
      x[j] = p.step;
      y[j] = p.value;
    });
    return { id: `grad-${i}`, label: s.layer, color: seriesColor(i, dark), x, y, width: 1.6, dots: s.points.length <= 3 };
  });
}

/** gradientsOf(…) (curves.ts) → GradientNorms' `series` prop. */
export function gradientPointsOf(gradients: readonly GradientSeries[]): LayerGradients[] {
  return gradients.map(({ layer, series }) => {
    const points: GradientPoint[] = [];
    for (let i = 0; i < series.length; i++) points.push({ step: series.x[i], value: series.y[i] });
    return { layer, points };
  });
}
