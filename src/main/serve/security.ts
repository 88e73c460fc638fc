/**
 * Who may use a `netwright serve` socket. The page is public (it is just the
 * built UI), but the API reads and writes files, so the socket demands the
 * per-launch token from the printed URL and refuses pages from other origins
 * (a site the user visits could otherwise script a socket to localhost).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether a --host to listen on keeps the server on this machine (the CLI warns otherwise). Not for Host headers: see isOwnHost. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || host.startsWith('127.');
}

/** Where this server listens, as the checks below need it. Both come from the server's options, never from a request. */
export interface Site {
  /** The --host it listens on, e.g. 127.0.0.1, localhost, ::1 or 0.0.0.0. */
  readonly host: string;
  readonly port: number;
}

/** The names a page on this machine can always use. */
const LOCAL_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** The --host as it appears in a URL: IPv6 in brackets, lowercase, in the form browsers send (127.1 → 127.0.0.1). */
function urlName(host: string): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  try {
    return new URL(`http://${bracketed}`).hostname;
  } catch {
    return bracketed.toLowerCase();
  }
}

/** The names this server answers to, each to be compared whole. */
function ownNames(site: Site): string[] {
  const names = [...LOCAL_NAMES];
  if (!WILDCARDS.has(site.host) && !names.includes(urlName(site.host))) names.push(urlName(site.host));
  return names;
}

/**
 * Whether a Host header names this server: 127.0.0.1, localhost, [::1] or the
 * --host, each exactly, with the server's port or none. A DNS-rebinding page
 * reaches the server under the attacker's name (evil.example, or one made to
 * look local such as 127.0.0.1.evil.example), so names are never matched by
 * prefix. On a wildcard bind (0.0.0.0, ::) any IP address is accepted too:
 * the machine's addresses are not known ahead, and rebinding needs a DNS name.
 */
export function isOwnHost(hostHeader: string | undefined, site: Site): boolean {
  const parts = /^(\[[0-9a-f:.]+\]|[^[\]:]+)(?::(\d{1,5}))?$/i.exec(hostHeader ?? '');
  if (!parts) return false;
  const name = parts[1].toLowerCase();
  if (parts[2] !== undefined && Number(parts[2]) !== site.port) return false;
  if (ownNames(site).includes(name)) return true;
  return WILDCARDS.has(site.host) && isIP(name.replace(/^\[|\]$/g, '')) !== 0;
}

/**
 * Null when the upgrade request may open a socket, else why not. The Host
 * check stops DNS-rebinding pages even before the token; the origin check
 * stops other sites' pages.
 */
export function refuseUpgrade(req: IncomingMessage, token: string, site: Site): string | null {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://placeholder');
  } catch {
    return 'unreadable request path';
  }
  if (url.pathname !== '/api') return 'no such endpoint';
  const given = url.searchParams.get('token') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'missing or wrong token';
  const host = req.headers.host;
  if (!host) return 'missing Host header';
  if (!isOwnHost(host, site)) return 'the Host header does not name this server';
  const origin = req.headers.origin;
  if (origin !== `http://${host}` && origin !== `https://${host}`) return 'the page is not from this server';
  return null;
}

/**
 * The policy for the UI page: only our own scripts, and sockets only back to
 * this server. Built from the server's own names and port, never from the
 * request, so no header can write into it.
 */
export function contentSecurityPolicy(site: Site): string {
  const sockets = ownNames(site).map((name) => `ws://${name}:${site.port}`);
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Svelte Flow positions nodes with inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' covers ws: to the page's own host and port in current browsers; the list is for older ones.
    `connect-src 'self' ${sockets.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
