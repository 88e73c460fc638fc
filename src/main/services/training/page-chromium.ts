/**
 * The GPU page in a Chromium driven by playwright-core (a dev dependency):
 * how the tests and the engine bench run the real page, trainer core and
 * host side where Electron's binary is missing. The desktop app reaches the
 * same page through a hidden window instead (src/main/app/gpu-page.ts).
 *
 * Playwright's bindings carry JSON, so typed arrays cross as base64 both ways.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CROSS_ORIGIN_ISOLATION, PAGE_BRIDGE_GLOBAL } from '../../trainer/page/bridge.ts';
import { pageTrainerProcess } from './page-process.ts';
import type { TrainerLauncher, TrainerProcess } from './process.ts';

function encode(value: unknown): unknown {
  if (value instanceof Float32Array) return { $f32: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (value instanceof Uint8Array) return { $u8: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const e = value as Partial<Record<'$f32' | '$u8', string>>;
    if (typeof e.$u8 === 'string') return new Uint8Array(Buffer.from(e.$u8, 'base64'));
    if (typeof e.$f32 === 'string') {
      const bytes = Buffer.from(e.$f32, 'base64');
      return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

/**
 * Runs in the page before its scripts: the bridge the trainer page expects
 * (PAGE_BRIDGE_GLOBAL), over Playwright's bindings. Plain JavaScript text, so
 * no transpiler helper can sneak into code that runs in the browser.
 */
const BRIDGE_SCRIPT = `(() => {
  const handlers = [];
  const toB64 = (bytes) => {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  const fromB64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const out = (v) => {
    if (v instanceof Uint8Array) return { $u8: toB64(v) };
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, out(x)]));
    return v;
  };
  const back = (v) => {
    if (Array.isArray(v)) return v.map(back);
    if (v && typeof v === 'object') {
      if (typeof v.$f32 === 'string') return new Float32Array(fromB64(v.$f32).buffer);
      if (typeof v.$u8 === 'string') return fromB64(v.$u8);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, back(x)]));
    }
    return v;
  };
  window.__nwDeliver = (command) => handlers.forEach((h) => h(command));
  window[${JSON.stringify(PAGE_BRIDGE_GLOBAL)}] = {
    send: (event) => void window.__nwEvent(event),
    onCommand(handler) {
      handlers.push(handler);
      void window.__nwReady();
    },
    request: async (request) => back(await window.__nwRequest(out(request))),
  };
})();`;

/** One run's page: a fresh browser context, the bridge over Playwright's bindings, its endings reported. */
function chromiumPage(browser: Browser, url: string, opened: (page: Page) => void): TrainerProcess {
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  let closing = false;
  const { process, page: side } = pageTrainerProcess({
    deliver: (command) => void page?.evaluate((c) => (window as unknown as { __nwDeliver(c: unknown): void }).__nwDeliver(c), command).catch(() => {}),
    close() {
      closing = true;
      void (context?.close() ?? Promise.resolve()).catch(() => {}).finally(() => side.gone({ reason: 'closed' }));
    },
  });

  void (async () => {
    context = await browser.newContext();
    page = await context.newPage();
    opened(page);
    await page.exposeBinding('__nwReady', () => side.ready());
    await page.exposeBinding('__nwEvent', (_source, event: unknown) => side.event(event));
    await page.exposeBinding('__nwRequest', async (_source, request: unknown) => encode(await side.request(decode(request))));
    await page.addInitScript({ content: BRIDGE_SCRIPT });
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && side.console(m.text()));
    page.on('pageerror', (err) => side.console(`Uncaught ${err.message}`));
    page.on('crash', () => side.gone({ reason: 'crashed' }));
    page.on('close', () => side.gone({ reason: closing ? 'closed' : 'crashed' }));
    if (closing) return;
    await page.goto(url);
  })().catch((err: Error) => {
    if (!closing) side.gone({ reason: 'load-failed', detail: err.message.split('\n', 1)[0] });
  });
  return process;
}

export interface ChromiumPages {
  /** Starts each run in a fresh page of the one browser. */
  readonly launch: TrainerLauncher;
  /** The page of the latest run (tests crash it for real). */
  latestPage(): Page | null;
  close(): Promise<void>;
}

export interface ChromiumPagesOptions {
  /** Default: Debian's /usr/bin/chromium. */
  readonly executablePath?: string;
  /** Extra switches, e.g. Vulkan ones on a GPU machine. */
  readonly args?: readonly string[];
}

/** Serves the built page (buildTrainerPage's folder) on loopback, a secure context as WebGPU requires, and opens Chromium. */
export async function openChromiumPages(pageDir: string, options: ChromiumPagesOptions = {}): Promise<ChromiumPages> {
  const files: Record<string, [string, string]> = { '/': ['index.html', 'text/html'], '/trainer.js': ['trainer.js', 'text/javascript'] };
  const server: Server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) return void res.writeHead(404).end();
    readFile(join(pageDir, file[0])).then(
      // Cross-origin isolation, as the desktop app's trainer protocol gives it: the threaded wasm build needs SharedArrayBuffer.
      (body) => res.writeHead(200, { 'content-type': file[1], ...CROSS_ORIGIN_ISOLATION }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--enable-unsafe-webgpu', ...(options.args ?? [])],
  });
  let latest: Page | null = null;
  return {
    launch: () => chromiumPage(browser, url, (p) => (latest = p)),
    latestPage: () => latest,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
