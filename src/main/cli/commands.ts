import type { Command } from './io.ts';

/** Every CLI command, in the order `netwright --help` lists them. */
export const COMMANDS: readonly Command[] = [];
