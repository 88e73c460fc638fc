import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../../shared/protocol/api.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { startServer, type RunningServer } from '../serve.ts';

let dir: string;
let server: RunningServer;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-serve-'));
  await mkdir(join(dir, 'web', 'assets'), { recursive: true });
  await mkdir(join(dir, 'root'));
  await writeFile(join(dir, 'web', 'index.html'), '<!doctype html><title>Netwright</title>');
  await writeFile(join(dir, 'web', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'not for the web');
  server = await startServer({ port: 0, host: '127.0.0.1', root: join(dir, 'root'), webDir: join(dir, 'web'), configDir: join(dir, 'config'), log: () => {} });
  origin = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens a socket and resolves when it is open, or rejects with the HTTP status that refused it. */
function connect(query: string, headers: Record<string, string> = { Origin: origin }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function rawStatus(path: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: server.port, path }, (res) => {
      res.resume();
      resolve(res.statusCode);
    }).on('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string, args: unknown[]): Promise<ServerFrame> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.type !== 'event' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, method, args }));
  });
}

describe('netwright serve', () => {
  it('prints a loopback URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the UI with a strict CSP and nothing outside the web folder', async () => {
    const page = await fetch(`${origin}/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('<title>Netwright</title>');
    const script = await fetch(`${origin}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // Raw paths: fetch would tidy the dots away before they reach the server.
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/nothing.js']) {
      expect(await rawStatus(path)).toBe(404);
    }
  });

  it('refuses a socket without the right token', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 403');
    await expect(connect('?token=wrong')).rejects.toThrow('HTTP 403');
    await expect(connect(`?token=${server.token}x`)).rejects.toThrow('HTTP 403');
  });

  it('refuses a socket from another origin or a rebound host name', async () => {
    await expect(connect(`?token=${server.token}`, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect(`?token=${server.token}`, {})).rejects.toThrow('HTTP 403');
    await expect(connect(`?token=${server.token}`, { Origin: `http://evil.example:${server.port}`, Host: `evil.example:${server.port}` })).rejects.toThrow('HTTP 403');
  });

  it('answers calls over the socket, saving and reopening a project under the root', async () => {
    const ws = await connect(`?token=${server.token}`);
    const info = await call(ws, 1, 'hostInfo', []);
    expect(info).toMatchObject({ type: 'result', id: 1, value: { kind: 'browser', nativeDialogs: false, root: join(dir, 'root') } });
    const templates = await call(ws, 2, 'listTemplates', []);
    expect(templates.type === 'result' && (templates.value as unknown[]).length).toBeGreaterThan(3);
    const doc = getTemplate('xor-mlp')!.build();
    const file = join(dir, 'root', 'xor.nwproj.json');
    expect(await call(ws, 3, 'saveProject', [file, doc])).toEqual({ type: 'result', id: 3, value: { ok: true, path: file } });
    const opened = await call(ws, 4, 'openProject', [file]);
    expect(opened).toMatchObject({ type: 'result', value: { ok: true, doc: { nodes: doc.nodes } } });
    ws.close();
  });

  it('rejects bad payloads with a clear error and keeps serving', async () => {
    const ws = await connect(`?token=${server.token}`);
    const bad = await call(ws, 7, 'saveProject', [join(dir, 'root', 'x.json'), { format: 'netwright-project', schemaVersion: 2 }]);
    expect(bad).toEqual({ type: 'error', id: 7, error: { code: 'invalid-arguments', message: expect.stringMatching(/^saveProject: doc\.meta: is missing/) } });
    expect(await call(ws, 8, 'rm -rf', [])).toMatchObject({ type: 'error', error: { code: 'unknown-method' } });
    expect(await call(ws, 9, 'listTemplates', [])).toMatchObject({ type: 'result', id: 9 });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1003);
    const again = await connect(`?token=${server.token}`);
    expect(await call(again, 1, 'hostInfo', [])).toMatchObject({ type: 'result' });
    again.close();
  });

  it('pushes host events to connected pages', async () => {
    const ws = await connect(`?token=${server.token}`);
    const received = new Promise<ServerFrame>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    server.hub.broadcast({ type: 'menu', command: 'view.fit' });
    expect(await received).toEqual({ type: 'event', event: { type: 'menu', command: 'view.fit' } });
    ws.close();
  });
});
