import type { GraphDoc } from '../document/schema.ts';

/** A starter project for the gallery and `netwright new`. */
export interface Template {
  /** Kebab-case, used on the command line: `netwright new xor-mlp`. */
  readonly id: string;
  readonly title: string;
  /** One line for the gallery: what the network does and what it teaches. */
  readonly description: string;
  /** A fresh document each call, so that callers may keep and edit it. */
  build(): GraphDoc;
}
