/**
 * The configurations a search tries. A grid walks every combination of its
 * lists, the first dimension changing slowest (as nested loops would); a
 * random search draws `trials` configurations from one generator seeded with
 * the search's seed, dimension by dimension, so the same seed gives the same
 * trials on every machine.
 */
import { createRandom, type Random } from '../datasets/random.ts';
import type { SearchDimension, SearchSpec, SearchValue, SearchValues } from './spec.ts';

/** One configuration: a value for each dimension, by dimension id. */
export interface Trial {
  /** 0-based position in the search; trial records and resume use it. */
  readonly index: number;
  readonly values: Readonly<Record<string, SearchValue>>;
}

/** How many configurations a grid has, or null when a dimension is a range (grids need lists). */
export function gridSize(dimensions: readonly SearchDimension[]): number | null {
  let size = 1;
  for (const d of dimensions) {
    if (d.values.kind !== 'list') return null;
    size *= d.values.items.length;
  }
  return size;
}

/**
 * The trials of a search, in the order they run. The caller checks the
 * search first (checkSearch): here a grid with a range, or one larger than
 * its budget, yields no trials rather than an error.
 */
export function expandTrials(spec: Pick<SearchSpec, 'method' | 'trials' | 'seed' | 'dimensions'>): Trial[] {
  if (spec.dimensions.length === 0) return [{ index: 0, values: {} }];
  if (spec.method === 'grid') {
    const size = gridSize(spec.dimensions);
    if (size === null || size > spec.trials) return [];
    const trials: Trial[] = [];
    for (let index = 0; index < size; index++) {
      const values: Record<string, SearchValue> = {};
      // Mixed radix, last dimension fastest.
      let rest = index;
      for (let d = spec.dimensions.length - 1; d >= 0; d--) {
        const items = (spec.dimensions[d].values as Extract<SearchValues, { kind: 'list' }>).items;
        values[spec.dimensions[d].id] = items[rest % items.length];
        rest = Math.floor(rest / items.length);
      }
      trials.push({ index, values: ordered(spec.dimensions, values) });
    }
    return trials;
  }
  const random = createRandom(spec.seed);
  return Array.from({ length: spec.trials }, (_, index) => {
    const values: Record<string, SearchValue> = {};
    for (const d of spec.dimensions) values[d.id] = draw(d.values, random);
    return { index, values };
  });
}

/** Keys in dimension order, so a trial reads the same way however it was built. */
function ordered(dimensions: readonly SearchDimension[], values: Record<string, SearchValue>): Record<string, SearchValue> {
  return Object.fromEntries(dimensions.map((d) => [d.id, values[d.id]]));
}

/** One value from a dimension's values; each kind draws exactly one number from `random`. */
export function draw(values: SearchValues, random: Pick<Random, 'next'>): SearchValue {
  const u = random.next();
  switch (values.kind) {
    case 'list':
      return values.items[Math.min(values.items.length - 1, Math.floor(u * values.items.length))];
    case 'uniform':
      return values.min + (values.max - values.min) * u;
    case 'logUniform':
      return Math.exp(Math.log(values.min) + (Math.log(values.max) - Math.log(values.min)) * u);
    case 'int':
      return values.min + Math.min(values.max - values.min, Math.floor(u * (values.max - values.min + 1)));
  }
}

/** A value as a table cell or a label shows it: numbers with up to 4 significant digits. */
export function formatValue(value: SearchValue): string {
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return String(value);
  return Number(value.toPrecision(4)).toString();
}
