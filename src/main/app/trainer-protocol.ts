/**
 * Serves the trainer page (out/trainer-page) on a scheme of its own so that
 * it can be cross-origin isolated: a file:// page gets no response headers,
 * and without COOP/COEP there is no SharedArrayBuffer, so no threaded wasm.
 * Only the page's two files are served; any other path is a 404.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CROSS_ORIGIN_ISOLATION } from '../trainer/page/bridge.ts';

const SCHEME = 'netwright-trainer';
export const TRAINER_PAGE_URL = `${SCHEME}://page/index.html`;

const FILES: Readonly<Record<string, string>> = { '/index.html': 'text/html', '/trainer.js': 'text/javascript' };

/** Before the app is ready: a standard, secure scheme (WebGPU needs a secure context). */
export function registerTrainerScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Once the app is ready. */
export function serveTrainerPage(dir: string): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    const type = FILES[url.pathname];
    if (url.host !== 'page' || !type) return new Response('not found', { status: 404 });
    const body = await readFile(join(dir, url.pathname.slice(1)));
    return new Response(body, { headers: { 'content-type': type, ...CROSS_ORIGIN_ISOLATION } });
  });
}
