import type { GraphDoc } from '../document/schema.ts';
import type { LayerWeights } from '../explain/types.ts';

/**
 * A worked example from a textbook, for Explain a step: its starting weights
 * and its sample, so the numbers on screen are the ones in the book.
 */
export interface WorkedExample {
  /** Per Dense layer, kernel[i][j] from input i to unit j, and the biases. */
  readonly weights: readonly LayerWeights[];
  readonly x: readonly number[];
  readonly target: readonly number[];
  /** Where the numbers come from, shown beside them. */
  readonly source: string;
}

/** A starter project for the gallery and `netwright new`. */
export interface Template {
  /** Kebab-case, used on the command line: `netwright new xor-mlp`. */
  readonly id: string;
  readonly title: string;
  /** One line for the gallery: what the network does and what it teaches. */
  readonly description: string;
  /** A fresh document each call, so that callers may keep and edit it. */
  build(): GraphDoc;
  /** The canvas view the project opens in: the units view, or the units view explaining a step; the layers when absent. */
  readonly opensIn?: 'units' | 'explain';
  readonly worked?: WorkedExample;
}
