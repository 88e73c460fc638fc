/**
 * Nothing a socket sends can take `netwright serve` down. The server runs in
 * its own process, as it does for a user, so a crash shows as that process
 * exiting; the tests speak raw TCP to send frames no WebSocket library would.
 * Each bad frame must close only its own connection, with a code and a
 * reason, while other pages keep being answered and a run started before it
 * trains to the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HostEvent, ServerFrame } from '../../shared/protocol/api.ts';
import type { TrainerEvent } from '../../shared/protocol/trainer.ts';
import { xorMlp } from '../../shared/templates/xor-mlp.ts';

/** The server's message cap (socket.ts): twice the largest project text, plus 64 KiB. */
const CAP = 2 * 32 * 1024 * 1024 + 64 * 1024;
const EPOCHS = 60;

/** Starts startServer in a fresh Node process and prints where it listens. */
const SERVER_SCRIPT = `
const { startServer } = await import(process.env.NW_SERVE_MODULE);
const server = await startServer({ ...JSON.parse(process.env.NW_SERVE_OPTIONS), log: (m) => process.stderr.write(m + '\\n') });
process.stdout.write(JSON.stringify({ port: server.port, token: server.token }) + '\\n');
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
`;

interface Served {
  readonly process: ChildProcess;
  readonly port: number;
  readonly token: string;
  /** Everything the server wrote to stderr: its log, or the crash. */
  output: string;
}

let dir: string;
let served: Served;

async function launch(): Promise<Served> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', SERVER_SCRIPT], {
    env: {
      ...process.env,
      NW_SERVE_MODULE: new URL('../serve.ts', import.meta.url).href,
      NW_SERVE_OPTIONS: JSON.stringify({ port: 0, host: '127.0.0.1', root: join(dir, 'root'), webDir: join(dir, 'web'), configDir: join(dir, 'config') }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result: Served = await new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!stdout.includes('\n')) return;
      const { port, token } = JSON.parse(stdout.split('\n')[0]) as { port: number; token: string };
      resolve({ process: child, port, token, output: stderr });
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${stderr}`)));
  });
  child.stderr!.on('data', (chunk: string) => (result.output += chunk));
  return result;
}

function alive(s: Served): boolean {
  return s.process.exitCode === null && s.process.signalCode === null;
}

async function stop(s: Served): Promise<void> {
  if (!alive(s)) return;
  const exited = new Promise((resolve) => s.process.once('exit', resolve));
  s.process.kill('SIGTERM');
  const timer = setTimeout(() => s.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-hardening-'));
  await mkdir(join(dir, 'root'));
  await mkdir(join(dir, 'web'));
  await writeFile(join(dir, 'web', 'index.html'), '<!doctype html><title>Netwright</title>');
  served = await launch();
});
afterAll(async () => {
  if (served) await stop(served);
  await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- clients

/** A page's socket through the ws library, with the Host and Origin a browser on `host` would send. */
function page(host = `127.0.0.1:${served.port}`, token = served.token): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${served.port}/api?token=${token}`, { headers: { Host: host, Origin: `http://${host}` } });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

let nextId = 1;
function call(ws: WebSocket, method: string, args: unknown[]): Promise<ServerFrame> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.type === 'event' || frame.id !== id) return;
      ws.off('message', onMessage);
      resolve(frame);
    };
    ws.on('message', onMessage);
    ws.once('close', (code) => reject(new Error(`socket closed (${code}) before call ${method} was answered`)));
    ws.send(JSON.stringify({ type: 'call', id, method, args }));
  });
}

/** A socket with no WebSocket library in between: the handshake, then whatever bytes the test writes. */
interface RawSocket {
  readonly socket: Socket;
  /** Resolves when the server ends the connection, with the close frame it sent, if any. */
  readonly closed: Promise<{ code: number; reason: string } | null>;
}

function raw(): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(served.port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let upgraded = false;
    socket.on('error', () => {}); // the server may close while we still write
    const closed = new Promise<{ code: number; reason: string } | null>((done) => socket.once('close', () => done(closeFrameIn(received))));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (upgraded) return;
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = received.subarray(0, end).toString();
      if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(head));
      upgraded = true;
      received = received.subarray(end + 4);
      resolve({ socket, closed });
    });
    const host = `127.0.0.1:${served.port}`;
    socket.write(
      `GET /api?token=${served.token} HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}

/** The first close frame (opcode 8) among the server's frames, which are never masked. */
function closeFrameIn(bytes: Buffer): { code: number; reason: string } | null {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at] & 0x0f;
    let length = bytes[at + 1] & 0x7f;
    let start = at + 2;
    if (length === 126) [length, start] = [bytes.readUInt16BE(at + 2), at + 4];
    else if (length === 127) [length, start] = [Number(bytes.readBigUInt64BE(at + 2)), at + 10];
    if (opcode === 8) {
      const payload = bytes.subarray(start, start + length);
      return { code: payload.length >= 2 ? payload.readUInt16BE(0) : 1005, reason: payload.subarray(2).toString() };
    }
    at = start + length;
  }
  return null;
}

interface FrameOptions {
  readonly fin?: boolean;
  readonly masked?: boolean;
  /** The length the header claims; the payload's own by default. */
  readonly length?: number;
  /** A zero key leaves the payload as it is, so one large buffer can be sent many times. */
  readonly key?: Buffer;
}

/** One client frame, built by hand (RFC 6455 §5.2). */
function frame(opcode: number, payload: Buffer, { fin = true, masked = true, length = payload.length, key = randomBytes(4) }: FrameOptions = {}): Buffer {
  const head = [(fin ? 0x80 : 0) | opcode];
  const mask = masked ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) head.push(mask | length);
  else if (length < 65536) {
    head.push(mask | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(mask | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  if (!masked) return Buffer.concat([Buffer.from(head), extended, payload]);
  const body = key.every((b) => b === 0) ? payload : Buffer.from(payload.map((b, i) => b ^ key[i % 4]));
  return Buffer.concat([Buffer.from(head), extended, key, body]);
}

const TEXT = 0x1;
const CONTINUATION = 0x0;
const CLOSE = 0x8;

// ---------------------------------------------------------------- a run in the background

let control: WebSocket;
const trainingEvents = new Map<string, TrainerEvent[]>();

/** A server killed by an earlier test would make every later one fail for that test's reason: start another. */
async function serverUp(): Promise<WebSocket> {
  if (alive(served)) {
    const ws = await page().catch(() => null);
    if (ws) return ws;
    // It is dying: its port is gone before its exit is seen.
    await stop(served);
  }
  served = await launch();
  return page();
}

beforeEach(async () => {
  control = await serverUp();
  control.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (frame.type !== 'event') return;
    const event: HostEvent = frame.event;
    if (event.type === 'training') trainingEvents.set(event.runId, [...(trainingEvents.get(event.runId) ?? []), event.event]);
  });
});
afterEach(() => control.close());

async function startRun(): Promise<string> {
  const started = await call(control, 'startTraining', [{ doc: xorMlp.build(), projectPath: null, backend: 'cpu', epochs: EPOCHS }]);
  if (started.type !== 'result') throw new Error(JSON.stringify(started));
  const value = started.value as { ok: true; runId: string } | { ok: false; message: string };
  if (!value.ok) throw new Error(value.message);
  return value.runId;
}

function exitOf(runId: string): TrainerEvent | undefined {
  return trainingEvents.get(runId)?.find((e) => e.type === 'exit');
}

async function runExit(runId: string): Promise<TrainerEvent> {
  for (;;) {
    const exit = exitOf(runId);
    if (exit) return exit;
    if (!alive(served)) throw new Error(`the server died:\n${served.output}`);
    if (control.readyState !== control.OPEN) throw new Error('the control socket closed');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts a run, lets `attack` close one connection, and checks the close's
 * code and reason, that the run was still going then, that a new page is
 * answered, and that the run trains to its last epoch.
 */
async function survives(attack: () => Promise<{ code: number; reason: string } | null>, code: number, reason: RegExp): Promise<void> {
  const runId = await startRun();
  const closed = await attack();
  expect(closed, `the server closed without a close frame:\n${served.output}`).not.toBeNull();
  expect(closed!.code).toBe(code);
  expect(closed!.reason).toMatch(reason);
  expect(exitOf(runId)).toBeUndefined();
  expect(alive(served), served.output).toBe(true);

  const other = await page();
  expect(await call(other, 'hostInfo', [])).toMatchObject({ type: 'result', value: { kind: 'browser' } });
  other.close();
  expect(await runExit(runId)).toMatchObject({ type: 'exit', reason: 'completed', epochsCompleted: EPOCHS });
  expect(alive(served)).toBe(true);
}

/** Sends `bytes` on a fresh raw socket and waits for the server to close it. */
async function sendRaw(...bytes: Buffer[]): Promise<{ code: number; reason: string } | null> {
  const { socket, closed } = await raw();
  for (const b of bytes) socket.write(b);
  return closed;
}

// ---------------------------------------------------------------- the tests

describe('netwright serve against malformed frames', () => {
  it('closes a text frame that is not UTF-8 with 1007', async () => {
    await survives(() => sendRaw(frame(TEXT, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))), 1007, /UTF-8/);
  });

  it('closes a frame whose header claims more than the cap with 1009, before reading it', async () => {
    await survives(() => sendRaw(frame(TEXT, Buffer.alloc(0), { length: CAP + 1 })), 1009, new RegExp(`over ${CAP} bytes`));
  });

  it('closes a frame with an unknown opcode with 1002', async () => {
    await survives(() => sendRaw(frame(0x3, Buffer.from('{}'))), 1002, /malformed frame/);
  });

  it('closes an unmasked client frame with 1002', async () => {
    const call = JSON.stringify({ type: 'call', id: 1, method: 'hostInfo', args: [] });
    await survives(() => sendRaw(frame(TEXT, Buffer.from(call), { masked: false })), 1002, /malformed frame/);
  });

  it('closes a close frame with a reserved code with 1002', async () => {
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(1004);
    await survives(() => sendRaw(frame(CLOSE, payload)), 1002, /malformed frame/);
  });

  it('closes a message sent in pieces that add up to more than the cap with 1009', async () => {
    const piece = Buffer.alloc(8 * 1024 * 1024, 0x20);
    const zero = Buffer.alloc(4);
    const pieces = Math.ceil(CAP / piece.length) + 1;
    await survives(
      () => sendRaw(...Array.from({ length: pieces }, (_, i) => frame(i === 0 ? TEXT : CONTINUATION, piece, { fin: i === pieces - 1, key: zero }))),
      1009,
      new RegExp(`over ${CAP} bytes`),
    );
  }, 60_000);

  it('closes a call nested thousands of levels deep with 1008, without running it', async () => {
    // 5,000 arrays in one Dense node's params: about 11 KB, and deep enough to overflow a recursive check.
    const doc = xorMlp.build();
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const node = doc.nodes[1];
    const text = JSON.stringify({ type: 'call', id: 1, method: 'saveProject', args: [join(dir, 'root', 'deep.json'), { ...doc, nodes: [{ ...node, params: { units: 'DEEP' } }] }] }).replace(
      '"DEEP"',
      deep,
    );
    expect(text.length).toBeLessThan(12_000);
    await survives(async () => {
      const ws = await page();
      const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
      ws.send(text);
      return closed;
    }, 1008, /nested deeper than 64 levels/);
  });

  it('refuses an upgrade whose request path cannot be read', async () => {
    const runId = await startRun();
    const answer = await new Promise<string>((resolve) => {
      const socket = tcpConnect(served.port, '127.0.0.1');
      let text = '';
      socket.on('error', () => {});
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.once('close', () => resolve(text));
      const host = `127.0.0.1:${served.port}`;
      socket.write(
        `GET http://[/api?token=${served.token} HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    expect(answer).toMatch(/^HTTP\/1.1 (400|403)/);
    expect(alive(served), served.output).toBe(true);
    expect(await runExit(runId)).toMatchObject({ reason: 'completed', epochsCompleted: EPOCHS });
  });
});

// ---------------------------------------------------------------- host names and the page's CSP

/** GET / with the given Host header; the status and the CSP header. */
function getPage(host: string): Promise<{ status: number; csp: string | undefined }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: served.port, path: '/', headers: { Host: host } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode!, csp: res.headers['content-security-policy'] as string | undefined });
    })
      .on('error', reject)
      .end();
  });
}

describe('netwright serve host names', () => {
  it('opens a socket for this machine’s own names, with the server’s port or none', async () => {
    for (const host of [`127.0.0.1:${served.port}`, `localhost:${served.port}`, `[::1]:${served.port}`, '127.0.0.1', 'localhost', `LOCALHOST:${served.port}`]) {
      const ws = await page(host);
      expect(await call(ws, 'hostInfo', []), host).toMatchObject({ type: 'result' });
      ws.close();
    }
  });

  it('refuses any other name, however much of it looks local', async () => {
    const port = served.port;
    const hostile = [
      `127.0.0.1.evil.example:${port}`,
      '127.0.0.1.evil.example',
      `localhost.evil:${port}`,
      `localhost.:${port}`,
      `127.0.0.2:${port}`,
      `127.1.2.3:${port}`,
      `[::1].evil:${port}`,
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      `127.0.0.1:${port}.evil.example`,
      `127.0.0.1:${port}x`,
      `localhost@evil.example:${port}`,
    ];
    for (const host of hostile) await expect(page(host), host).rejects.toThrow('HTTP 403');
    for (const host of hostile.slice(0, 4)) expect((await getPage(host)).status, host).toBe(421);
    expect(alive(served)).toBe(true);
  });

  it('never puts the Host header into the page’s Content-Security-Policy', async () => {
    const own = await getPage(`127.0.0.1:${served.port}`);
    expect(own.status).toBe(200);
    expect(own.csp).toContain("script-src 'self';");
    expect(own.csp).toContain(`connect-src 'self' ws://127.0.0.1:${served.port}`);
    // The same policy whichever of its names the page was loaded under.
    expect((await getPage(`localhost:${served.port}`)).csp).toBe(own.csp);
    for (const host of [`127.0.0.1; script-src 'unsafe-inline' *`, `127.0.0.1:${served.port}; script-src 'unsafe-inline' *`, `evil.example:${served.port}`]) {
      const { status, csp } = await getPage(host);
      expect(csp ?? '', host).not.toContain('unsafe-inline\' *');
      expect(csp ?? '', host).not.toContain('evil');
      if (status === 200) expect(csp).toBe(own.csp);
    }
  });
});
