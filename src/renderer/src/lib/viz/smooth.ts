/**
 * Exponential moving average as TensorBoard draws it: `weight` 0 leaves the
 * curve as it is, 0.99 makes it very smooth. The average is debiased (divided
 * by the weight the real points carry so far), so the smoothed curve starts at
 * the first value instead of climbing up from zero.
 *
 * @example emaSmooth([1, 1, 1], 0.9) // [1, 1, 1], not [0.1, 0.19, 0.27]
 */
export function emaSmooth(values: ArrayLike<number>, weight: number, length = values.length): Float64Array {
  const w = Math.min(Math.max(weight, 0), 0.999);
  const out = new Float64Array(length);
  let acc = 0;
  let mass = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      // A gap stays a gap and does not poison the points after it.
      out[i] = NaN;
      continue;
    }
    acc = acc * w + (1 - w) * v;
    mass = mass * w + (1 - w);
    out[i] = acc / mass;
  }
  return out;
}
