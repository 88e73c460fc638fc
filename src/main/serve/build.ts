/** Makes sure the built UI exists before serving it: a fresh checkout has no out/web yet. */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_WEB_DIR = join(REPO_ROOT, 'out', 'web');
export const BUILD_COMMAND = 'npm run build:web';

export async function hasWebBuild(webDir: string): Promise<boolean> {
  return access(join(webDir, 'index.html')).then(
    () => true,
    () => false,
  );
}

/** Runs the same build as `npm run build:web` in this process (vite is a dev dependency of the checkout). */
export async function buildWeb(log: (message: string) => void): Promise<void> {
  log(`netwright serve: building the web UI (${BUILD_COMMAND})…`);
  const { build } = await import('vite');
  await build({ configFile: join(REPO_ROOT, 'vite.web.config.ts'), logLevel: 'warn' });
}
