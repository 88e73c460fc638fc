import { checkCommand } from './check.ts';
import { exportCommand } from './export.ts';
import type { Command } from './io.ts';
import { searchCommand } from './search.ts';
import { serveCommand } from './serve.ts';
import { summaryCommand } from './summary.ts';
import { newCommand, templatesCommand } from './templates.ts';
import { trainCommand } from './train.ts';

/** Every CLI command, in the order `netwright --help` lists them. */
export const COMMANDS: readonly Command[] = [
  templatesCommand,
  newCommand,
  summaryCommand,
  checkCommand,
  trainCommand,
  searchCommand,
  exportCommand,
  serveCommand,
];
