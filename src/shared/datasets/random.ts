/**
 * A small seeded random source, so that a generated dataset is the same on
 * every machine and every run with the same seed (Math.random cannot be seeded).
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Normal with the given mean and standard deviation. */
  normal(mean?: number, std?: number): number;
}

/** mulberry32: 32 bits of state, fast, and good enough for data, not for secrets. */
export function mulberry32(seed: number): () => number {
  // Folds in the bits above 32 so that seeds 2^32 apart still differ.
  let a = (seed ^ Math.floor(seed / 4294967296)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    normal(mean = 0, std = 1) {
      // Box–Muller; 1 - next() is in (0, 1], so the logarithm stays finite.
      const u = 1 - next();
      const v = next();
      return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

/** Fisher–Yates over indices 0…n-1. */
export function shuffledIndices(n: number, random: Pick<Random, 'next'>): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
