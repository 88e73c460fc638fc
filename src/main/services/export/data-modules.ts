/**
 * The source text of the app's data modules (module-files.ts), which exports
 * copy or inline so that exported programs read data with the app's code.
 *
 * - CLI and `netwright serve` run the TypeScript sources through tsx: the
 *   files are read from the repository beside this one.
 * - The Electron build bundles main into out/main, without src/: the build
 *   embeds the same files' text as __NETWRIGHT_DATA_MODULES__
 *   (electron.vite.config.ts), and this returns that.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_MODULE_FILES, type DataModuleSources } from '../../../shared/codegen/data/module-files.ts';

/** Replaced by the Electron build with the modules' text; undeclared (so `typeof` is 'undefined') everywhere else. */
declare const __NETWRIGHT_DATA_MODULES__: DataModuleSources | undefined;

/** The repository root: this file is src/main/services/export/data-modules.ts. */
const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));

/** Reads the modules' text from a source checkout; the build calls it too, to embed them. */
export function readDataModules(root: string = REPOSITORY): DataModuleSources {
  return Object.fromEntries(DATA_MODULE_FILES.map((path) => [path, readFileSync(join(root, ...path.split('/')), 'utf8')]));
}

let cached: DataModuleSources | undefined;

export function dataModuleSources(): DataModuleSources {
  if (typeof __NETWRIGHT_DATA_MODULES__ !== 'undefined') return __NETWRIGHT_DATA_MODULES__;
  cached ??= readDataModules();
  return cached;
}
