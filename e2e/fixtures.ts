/**
 * The app under test, for every end-to-end spec:
 *
 *   import { test, expect } from './fixtures.ts';
 *   test('…', async ({ page, app }) => { … await app.shot('after-wiring'); });
 *
 * - `page` shows the editor, already connected to its host
 *   (<html data-host-connection="open">).
 * - `app.kind` is 'browser' (`netwright serve` + Chromium) or 'electron' (when
 *   the Electron binary is installed); `app.root` is a fresh temp folder the
 *   host may open and save files in (the in-app file dialog starts there);
 *   `app.configDir` holds this test's recent list and recovery file.
 * - `app.shot(name)` saves artifacts/e2e/<spec>/<test>/<NN-name>.png; a final
 *   screenshot is saved after every test.
 * - `app.reload()` reloads the page and waits for the host again.
 * - An uncaught exception in the page fails the test.
 *
 * Each test gets its own host process, so recovery files and recent lists never
 * leak between tests.
 */
import { _electron as electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from '../scripts/electron-binary.mjs';

export { expect };

const REPO = fileURLToPath(new URL('..', import.meta.url));
const ARTIFACTS = join(REPO, 'artifacts', 'e2e');

export interface AppUnderTest {
  readonly kind: 'browser' | 'electron';
  /** The folder the host may read and write (browser mode: `serve --root`). */
  readonly root: string;
  readonly configDir: string;
  /** The page URL with its token (browser mode); null in Electron. */
  readonly url: string | null;
  /** Saves a full-window screenshot and returns its path. */
  shot(name: string): Promise<string>;
  /** Reloads the page and waits until it is connected to the host again. */
  reload(): Promise<void>;
}

interface Fixtures {
  app: AppUnderTest;
}

/** Waits for the UI's API client to report an open connection. */
export async function waitForHost(page: Page): Promise<void> {
  await expect(page.locator('html[data-host-connection="open"]')).toHaveCount(1, { timeout: 20_000 });
}

export const test = base.extend<Fixtures & { host: Host }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; the host needs none.
  host: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'nw-e2e-'));
    const root = join(dir, 'root');
    const configDir = join(dir, 'config');
    await mkdir(root);
    const binary = electronBinary();
    const host = binary ? await launchElectron(binary, configDir) : await launchServe(root, configDir);
    try {
      await use({ ...host, root, configDir });
    } finally {
      await host.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },

  page: async ({ host, page }, use) => {
    const target = host.page ?? page;
    const errors: Error[] = [];
    target.on('pageerror', (err) => errors.push(err));
    if (host.url) await target.goto(host.url);
    await waitForHost(target);
    await use(target);
    if (errors.length) throw new Error(`uncaught exception in the page: ${errors.map((e) => e.stack ?? e.message).join('\n---\n')}`);
  },

  app: async ({ host, page }, use, testInfo) => {
    const folder = join(ARTIFACTS, basename(testInfo.file, '.spec.ts'), slug(testInfo.title));
    await rm(folder, { recursive: true, force: true });
    let count = 0;
    const shot = async (name: string) => {
      const file = join(folder, `${String(++count).padStart(2, '0')}-${slug(name)}.png`);
      await page.screenshot({ path: file });
      return file;
    };
    await use({
      kind: host.kind,
      root: host.root,
      configDir: host.configDir,
      url: host.url,
      shot,
      async reload() {
        await page.reload();
        await waitForHost(page);
      },
    });
    await shot(testInfo.status === testInfo.expectedStatus ? 'final' : 'failed').catch(() => {});
  },
});

interface Host {
  readonly kind: 'browser' | 'electron';
  readonly root: string;
  readonly configDir: string;
  readonly url: string | null;
  /** Electron's window; in browser mode the test's own Chromium page is used. */
  readonly page: Page | null;
  stop(): Promise<void>;
}

type Launched = Omit<Host, 'root' | 'configDir'>;

/** `netwright serve` on a free port; resolves once it prints its URL. */
async function launchServe(root: string, configDir: string): Promise<Launched> {
  const child = spawn(process.execPath, [join(REPO, 'bin', 'netwright.mjs'), 'serve', '--port', '0', '--no-open', '--root', root], {
    cwd: REPO,
    env: { ...process.env, NETWRIGHT_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`netwright serve printed no URL within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /https?:\/\/\S+\?token=\S+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`netwright serve exited with ${code}:\n${output}`));
    });
  });
  return { kind: 'browser', url, page: null, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The desktop app (built by scripts/e2e.mjs with electron-vite). Native dialogs
 * cannot be driven by Playwright, so specs that pick files through the in-app
 * dialog should `test.skip(app.kind === 'electron', …)` or stub
 * `dialog.showOpenDialog` with electronApp.evaluate.
 */
async function launchElectron(binary: string, configDir: string): Promise<Launched> {
  const electronApp: ElectronApplication = await electron.launch({
    executablePath: binary,
    args: [REPO],
    cwd: REPO,
    env: { ...process.env, NETWRIGHT_CONFIG_DIR: configDir },
  });
  const page = await electronApp.firstWindow();
  return { kind: 'electron', url: null, page, stop: () => electronApp.close() };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'shot';
}
