/**
 * Dense activations as a column chart: one bar per unit from a zero line,
 * up for positive outputs and down for negative ones, on a scale that holds
 * the largest magnitude, so a tanh layer keeps its sign; probabilities (a
 * softmax) are drawn on 0…1 instead, so ten near-equal guesses look small.
 */

/** Non-negative values that sum to 1 (within float error): a softmax's output. */
export function isProbabilities(values: readonly number[]): boolean {
  if (!values.length || values.some((v) => v < 0 || v > 1)) return false;
  return Math.abs(values.reduce((a, b) => a + b, 0) - 1) < 1e-3;
}

export interface Bar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly negative: boolean;
}

export interface BarLayout {
  readonly bars: readonly Bar[];
  /** Where the zero line is, from the top. */
  readonly zero: number;
}

/**
 * @example
 * barLayout([1, -0.5], 20, 40).bars; // [{ x: 0, y: 0, width: 9, height: 20, … }, { x: 10, y: 20, width: 9, height: 10, negative: true }]
 */
export function barLayout(values: readonly number[], width: number, height: number, gap = 1): BarLayout {
  let top = isProbabilities(values) ? 1 : 0;
  let bottom = 0;
  for (const v of values) {
    if (v > top) top = v;
    if (v < bottom) bottom = v;
  }
  const span = top - bottom || 1;
  const zero = bottom === 0 ? height : top === 0 ? 0 : (top / span) * height;
  const step = values.length ? width / values.length : width;
  const barWidth = Math.max(1, step - gap);
  const bars = values.map((v, i) => {
    const size = (Math.abs(v) / span) * height;
    return { x: i * step, y: v >= 0 ? zero - size : zero, width: barWidth, height: size, negative: v < 0 };
  });
  return { bars, zero };
}
