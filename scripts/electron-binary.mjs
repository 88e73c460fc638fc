// Where the Electron executable is, without triggering electron's own
// download-on-require (node_modules/electron/index.js fetches the binary when
// it is missing, which must not happen on machines installed with
// ELECTRON_SKIP_BINARY_DOWNLOAD). Used by `npm start` and the e2e fixture.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const electronDir = fileURLToPath(new URL('../node_modules/electron/', import.meta.url));

/** The executable's absolute path, or null when it is not installed. */
export function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist');
  if (!name && !process.env.ELECTRON_OVERRIDE_DIST_PATH) return null;
  const binary = join(dist, name || 'electron');
  return existsSync(binary) ? binary : null;
}
