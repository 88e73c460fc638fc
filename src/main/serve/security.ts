/**
 * Who may use a `netwright serve` socket. The page is public (it is just the
 * built UI), but the API reads and writes files, so the socket demands the
 * per-launch token from the printed URL and refuses pages from other origins
 * (a site the user visits could otherwise script a socket to localhost).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || host.startsWith('127.');
}

/** The hostname part of a Host header ("127.0.0.1:5317" → "127.0.0.1", "[::1]:80" → "[::1]"). */
function hostName(hostHeader: string): string {
  return hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0];
}

/**
 * Null when the upgrade request may open a socket, else why not. `boundHost`
 * is the --host the server listens on: on loopback, the Host header must be a
 * loopback name too, which stops DNS-rebinding pages even before the token.
 */
export function refuseUpgrade(req: IncomingMessage, token: string, boundHost: string): string | null {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  if (url.pathname !== '/api') return 'no such endpoint';
  const given = url.searchParams.get('token') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'missing or wrong token';
  const host = req.headers.host;
  if (!host) return 'missing Host header';
  if (isLoopback(boundHost) && !isLoopback(hostName(host))) return `Host ${host} is not this machine`;
  const origin = req.headers.origin;
  if (origin !== `http://${host}` && origin !== `https://${host}`) return `origin ${origin ?? '(none)'} is not this server`;
  return null;
}

/** The policy for the UI page: only our own scripts, and sockets only back to this server. */
export function contentSecurityPolicy(hostHeader: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Svelte Flow positions nodes with inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${hostHeader} wss://${hostHeader}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
