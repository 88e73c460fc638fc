/**
 * The renderer's API client (src/renderer/src/lib/api.ts) against the real
 * `netwright serve`: a round trip, host events, and what a page sees when the
 * server goes away and comes back.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConnectionState, HostEvent } from '../../shared/protocol/api.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- this test runs the renderer's client against the real host.
import { ApiError, createApi } from '../../renderer/src/lib/api.ts';
import { startServer, type RunningServer } from '../serve.ts';

let dir: string;
let server: RunningServer;
let port: number;
const TOKEN = 'test-token-0123456789abcdefghijklmnop';

async function start(): Promise<RunningServer> {
  return startServer({ port, host: '127.0.0.1', root: join(dir, 'root'), webDir: join(dir, 'web'), configDir: join(dir, 'config'), token: TOKEN, log: () => {} });
}

/** Just enough of a browser window for the client: its URL, session storage, timers and <html>. */
function fakeWindow(search: string): Window {
  const storage = new Map<string, string>();
  return {
    location: { search, host: `127.0.0.1:${port}`, protocol: 'http:' },
    sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    document: { documentElement: { dataset: {} as Record<string, string> } },
  } as unknown as Window;
}

/** A browser sends its page's origin; the ws client has to be told. */
class BrowserLikeSocket extends WebSocket {
  constructor(url: string) {
    super(url, { headers: { Origin: `http://127.0.0.1:${port}` } });
  }
}

function until(states: ConnectionState[], wanted: ConnectionState): Promise<void> {
  return expect.poll(() => states.at(-1), { timeout: 10_000 }).toBe(wanted);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-client-'));
  await mkdir(join(dir, 'web'));
  await mkdir(join(dir, 'root'));
  await writeFile(join(dir, 'web', 'index.html'), '<!doctype html>');
  port = 0;
  server = await start();
  port = server.port;
  (globalThis as { WebSocket?: unknown }).WebSocket = BrowserLikeSocket;
});
afterAll(async () => {
  delete (globalThis as { WebSocket?: unknown }).WebSocket;
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the renderer API client in browser mode', () => {
  it('calls the host, receives events and reports its connection on <html>', async () => {
    const win = fakeWindow(`?token=${TOKEN}`);
    const api = createApi(win);
    const states: ConnectionState[] = [];
    api.onConnection((s) => states.push(s));
    expect(api.kind).toBe('browser');
    const templates = await api.listTemplates();
    expect(templates.map((t) => t.id)).toContain('xor-mlp');
    expect(states.at(-1)).toBe('open');
    expect(win.document.documentElement.dataset.hostConnection).toBe('open');

    const events: HostEvent[] = [];
    const commands: string[] = [];
    api.onEvent((e) => events.push(e));
    const stop = api.onMenuCommand((c) => commands.push(c));
    server.hub.broadcast({ type: 'menu', command: 'edit.undo' });
    server.hub.broadcast({ type: 'open-path', path: '/x.json' });
    await expect.poll(() => events.length).toBe(2);
    stop();
    expect(commands).toEqual(['edit.undo']);
  });

  it('rejects a bad call with an ApiError carrying the code', async () => {
    const api = createApi(fakeWindow(`?token=${TOKEN}`));
    const failure = await api.newFromTemplate('no-such-template').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'invalid-arguments' });
  });

  it('says what to do when the page has no token', async () => {
    const api = createApi(fakeWindow(''));
    const states: ConnectionState[] = [];
    api.onConnection((s) => states.push(s));
    expect(states).toEqual(['closed']);
    await expect(api.hostInfo()).rejects.toThrow(/no access token.*netwright serve/);
  });

  it('shows reconnecting while the host is gone and sends queued calls when it is back', async () => {
    const api = createApi(fakeWindow(`?token=${TOKEN}`));
    const states: ConnectionState[] = [];
    api.onConnection((s) => states.push(s));
    await api.hostInfo();
    await server.close();
    await until(states, 'reconnecting');
    const queued = api.listTemplates();
    server = await start();
    await until(states, 'open');
    expect((await queued).length).toBeGreaterThan(3);
    expect(states[0]).toBe('connecting');
  });
});
