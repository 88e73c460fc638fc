/**
 * The training dashboard's charts and weight pictures. Every component takes
 * plain protocol data (src/shared/protocol) or a view of a run's state
 * (src/shared/run, read by curves.ts), has a `testid` prop (default in
 * brackets) set as `data-testid` on its root, and follows the app's
 * light/dark colours. A run's state is bounded, so a long run does not grow
 * the renderer's memory.
 */

// Chart views of a run's state: loss/metric curves, gradient norms per layer, a weight's histograms over time.
export { curvesOf, gradientsOf, histogramFramesOf, type CurveData, type GradientSeries } from './curves.ts';
export { EMPTY_SERIES, type SeriesView } from './series.ts';
// gradientsOf(…) → GradientNorms' `series` prop.
export { gradientPointsOf, type GradientPoint, type LayerGradients } from './gradient-lines.ts';
// Reads an input shape ([h, w], [h, w, c], [784]) as a picture, or null for a table row.
export { imageShape, type ImageShape } from './gallery.ts';
export type { PlotLine, PlotMarker, LegendItem } from './plot.ts';
export type { XUnit } from './loss-lines.ts';
export type { KernelContrast, KernelPalette } from './kernel-grid.ts';

// Loss and accuracy, train/val, per batch (smoothed) and per epoch; smoothing, log and x-unit controls (bindable), hover. { run: CurveData | null; compare?: CurveData | null; smoothing?; logScale?; xUnit?; height? } [loss-chart]
export { default as LossChart } from './LossChart.svelte';
// Generic canvas line plot with nice axes, crosshair read-out and alert markers. { lines: PlotLine[]; markers?; logY?; robust?; yClamp?; xLabel?; height? } [line-plot]
export { default as LinePlot } from './LinePlot.svelte';
// Gradient L2 norm per layer over steps, one line per layer, log axis by default, legend toggles. { series: LayerGradients[]; logScale?; markers?; height? } [gradient-norms]
export { default as GradientNorms } from './GradientNorms.svelte';
// One weight's histograms over time as a ridge plot, newest in front. { frames: HistogramFrame[]; title?; maxFrames?; height? } [histogram-ridge]
export { default as HistogramRidge } from './HistogramRidge.svelte';
// A layer's kernel (MatrixPreview) as a blue/red heat map with a hover read-out. { matrix: MatrixPreview; title?; rowLabel?; colLabel?; scaleMax? } [heatmap]
export { default as Heatmap } from './Heatmap.svelte';
// First-layer weights as one picture per unit (mid-grey = 0), "showing N of M units". { images: KernelImages; title?; cellSize?; palette?; contrast? } [kernel-images]
export { default as KernelImages } from './KernelImages.svelte';
// Playground-style decision boundary under the points; plain scatter when boundary is null; x → target for regression (numClasses 0). { boundary: BoundaryEvent | null; train; test?; numClasses; size?; showTest?; axes?; classNames? } [decision-boundary]
export { default as DecisionBoundary } from './DecisionBoundary.svelte';
// One hidden unit's output over the plane as a tiny heat map for its graph node. { values; size; min; max; px?; title? } [unit-map]
export { default as UnitMap } from './UnitMap.svelte';
// Confusion matrix (rows true, columns predicted), per-class accuracy column, overall accuracy caption, hover sentence. { confusion; classNames?; perClassAccuracy?; title? } [confusion-matrix]
export { default as ConfusionMatrix } from './ConfusionMatrix.svelte';
// Test samples with predicted/true label and confidence, mistakes first in red; regression: output vs target. { predictions: SamplePrediction[]; inputShape; classNames?; imageSize? } [prediction-gallery]
export { default as PredictionGallery } from './PredictionGallery.svelte';
// A box to draw a digit or drop an image; emits width×height values 0…1 (MNIST-framed) after each stroke. { width?; height?; onchange(pixels: Float32Array); boxSize?; centre? } [draw-digit]
export { default as DrawDigit } from './DrawDigit.svelte';
// Class probabilities as horizontal bars, top class highlighted. { probabilities; classNames?; max? } [probability-bars]
export { default as ProbabilityBars } from './ProbabilityBars.svelte';
// Dataset preview: sample pictures with their labels. { samples: { pixels; label }[]; width; height; channels; classNames?; imageSize? } [image-grid]
export { default as ImageGrid } from './ImageGrid.svelte';
// Series names with stroke samples; click toggles. { items: LegendItem[]; hidden?; ontoggle? } [legend]
export { default as Legend } from './Legend.svelte';
// A colour bar with end and middle values. { color(t): Rgb; min; max; mid?; label? } [color-scale]
export { default as ColorScale } from './ColorScale.svelte';
// A small raster drawn at a whole-number zoom with square pixels. { rgba; width; height; zoom?; label? } [pixel-image]
export { default as PixelImage } from './PixelImage.svelte';
