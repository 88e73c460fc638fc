/**
 * Where a decision-boundary picture is drawn, computed on the host once per
 * run: which runs get one (two-input classification), the plane's bounds
 * from the data, and the grid of model inputs, with derived feature columns
 * computed by the same functions the generated dataset used.
 */
import type { DatasetRef } from '../../shared/document/schema.ts';
import { FEATURES, type DerivedFeature } from '../../shared/datasets/features.ts';
import { GENERATORS } from '../../shared/datasets/generators.ts';
import type { LoadedDataset } from '../../shared/protocol/datasets.ts';
import type { InlineDataset } from '../../shared/protocol/trainer.ts';

/** Cells per side of the output picture. */
export const BOUNDARY_SIZE = 48;
/**
 * Cells per side of each hidden unit's picture. BOUNDARY_SIZE / UNIT_SIZE is
 * odd (3), so the centre of every coarse cell is the centre of a fine one and
 * the unit pictures come out of the same forward pass as the output.
 */
export const UNIT_SIZE = 16;
/** Share of the data's span added on each side, so edge points do not sit on the picture's border. */
const MARGIN = 0.1;

export interface BoundaryPlan {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  /** Derived columns after x1 and x2, in the dataset's order. */
  readonly features: readonly DerivedFeature[];
  readonly numClasses: number;
}

const nice = (v: number) => Number(v.toPrecision(4));

/**
 * The plane for this run's data, or null when the run gets no boundary:
 * regression, or inputs that are not two numbers (plus, for generated sets,
 * their derived features).
 */
export function boundaryPlan(dataset: DatasetRef | InlineDataset, loaded: LoadedDataset): BoundaryPlan | null {
  const info = loaded.info;
  if (info.task !== 'classification' || info.numClasses < 2) return null;
  let features: readonly DerivedFeature[] = [];
  if (dataset.kind === 'generated') {
    if (GENERATORS[dataset.name].inputs !== 2) return null;
    features = dataset.features ?? [];
  }
  const width = info.inputShape.reduce((a, b) => a * b, 1);
  if (dataset.kind === 'generated' ? width !== 2 + features.length : info.inputShape.length !== 1 || width !== 2) return null;
  const [x, y] = [axisRange(loaded, width, 0), axisRange(loaded, width, 1)];
  if (!x || !y) return null;
  return { xMin: x[0], xMax: x[1], yMin: y[0], yMax: y[1], features, numClasses: info.numClasses };
}

/** Min and max of one input column over train and test, widened by the margin; null when the column has no finite value. */
function axisRange(data: LoadedDataset, width: number, column: number): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const xs of [data.xTrain, data.xTest]) {
    for (let i = column; i < xs.length; i += width) {
      const v = xs[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  const pad = hi > lo ? (hi - lo) * MARGIN : Math.max(0.5, Math.abs(lo) * MARGIN);
  return [nice(lo - pad), nice(hi + pad)];
}

/** The plane's coordinates of cell (row, col) on a size × size grid: its centre, row 0 at the top. */
export function cellCentre(plan: BoundaryPlan, size: number, row: number, col: number): [number, number] {
  return [plan.xMin + ((col + 0.5) / size) * (plan.xMax - plan.xMin), plan.yMax - ((row + 0.5) / size) * (plan.yMax - plan.yMin)];
}

/** Model inputs for every cell of the fine grid, row-major: x1, x2, then the derived columns. */
export function gridInputs(plan: BoundaryPlan, size = BOUNDARY_SIZE): Float32Array {
  const derived = plan.features.map((f) => FEATURES[f]);
  const width = 2 + derived.length;
  const out = new Float32Array(size * size * width);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const [x1, x2] = cellCentre(plan, size, r, c);
      const at = (r * size + c) * width;
      out[at] = x1;
      out[at + 1] = x2;
      derived.forEach((f, k) => (out[at + 2 + k] = f.compute(x1, x2)));
    }
  }
  return out;
}

/** Indices into the fine grid of the cells whose centres are the coarse grid's, row-major. */
export function coarseCells(size = BOUNDARY_SIZE, coarse = UNIT_SIZE): Int32Array {
  const stride = size / coarse;
  if (!Number.isInteger(stride) || stride % 2 !== 1) throw new Error(`the unit grid (${coarse}) must divide the output grid (${size}) by an odd number`);
  const offset = (stride - 1) / 2;
  const out = new Int32Array(coarse * coarse);
  for (let r = 0; r < coarse; r++) for (let c = 0; c < coarse; c++) out[r * coarse + c] = (r * stride + offset) * size + c * stride + offset;
  return out;
}
