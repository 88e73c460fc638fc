/** Serves the built renderer (out/web) read-only, with security headers; nothing outside that folder is reachable. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { contentSecurityPolicy, isOwnHost, type Site } from './security.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export async function serveStatic(webDir: string, site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
  // Under another name this is a DNS-rebinding page, or a proxy we were not told of.
  if (!isOwnHost(req.headers.host, site)) return send(res, 421, 'This server does not answer to that host name');
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://placeholder').pathname);
  } catch {
    return send(res, 400, 'Bad request');
  }
  const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^[/\\]+/, '');
  if (relative.split(sep).includes('..') || relative.includes('\0')) return send(res, 404, 'Not found');
  const file = join(webDir, relative);
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) return send(res, 404, 'Not found');
    size = info.size;
  } catch {
    return send(res, 404, 'Not found');
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string | number> = {
    'Content-Type': type,
    'Content-Length': size,
    'X-Content-Type-Options': 'nosniff',
    // The page URL carries the token; never leak it to another site.
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
  };
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = contentSecurityPolicy(site);
    headers['X-Frame-Options'] = 'DENY';
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  // pipeline, not pipe: a file that vanishes after the stat, or a client that hangs up, must not leave an 'error' unheard.
  pipeline(createReadStream(file), res, () => {});
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}
