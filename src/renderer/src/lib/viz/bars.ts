/**
 * Which classes the probability bars list: all of them in class order when
 * they fit (digits read best as 0…9), else the most likely `max`, highest
 * first.
 */

/** Index of the largest finite value, or -1 when there is none. */
export function topIndex(values: readonly number[]): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && (best < 0 || values[i] > values[best])) best = i;
  return best;
}

export function barOrder(probabilities: readonly number[], max = 12): number[] {
  const all = probabilities.map((_, i) => i);
  if (probabilities.length <= max) return all;
  const p = (i: number) => (Number.isFinite(probabilities[i]) ? probabilities[i] : -1);
  return all.sort((a, b) => p(b) - p(a) || a - b).slice(0, max);
}

/** "87.3 %", or "<0.1 %" for a tiny but non-zero share so it does not read as impossible. */
export function probabilityText(p: number): string {
  if (!Number.isFinite(p)) return '–';
  if (p > 0 && p < 0.001) return '<0.1 %';
  return `${(p * 100).toFixed(1)} %`;
}
