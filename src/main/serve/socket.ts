/**
 * The API over WebSocket: each text frame is a ClientFrame `call`; each answer
 * a ServerFrame `result` or `error` with the same id, and the host pushes
 * `event` frames. Calls run concurrently; dispatch validates every one.
 *
 * A page may send anything: a malformed frame, a huge one, a deeply nested
 * call. Each closes only its own connection, with a code and a reason; the
 * server, its other pages and its runs go on.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { ApiMethods, HostEvent, ServerFrame } from '../../shared/protocol/api.ts';
import { MAX_PROJECT_TEXT } from '../../shared/protocol/api-args.ts';
import { dispatch } from '../services/host/index.ts';
import { readCallFrame, type FrameRead } from './frame.ts';
import { refuseUpgrade, type Site } from './security.ts';

/** The largest message a page may send: a dropped project file, which JSON escaping can double, and room for the call around it. */
export const MAX_MESSAGE_BYTES = MAX_PROJECT_TEXT * 2 + 64 * 1024;

/** What the page reads when ws closes a connection over a frame it cannot take (RFC 6455 §7.4.1 codes). */
const REASONS: Readonly<Record<number, string>> = {
  1002: 'malformed frame (WebSocket protocol error)',
  1007: 'text frame is not valid UTF-8',
  1008: 'message in too many pieces',
  1009: `message over ${MAX_MESSAGE_BYTES} bytes`,
};

const BINARY: FrameRead = { ok: false, code: 1003, reason: 'expected a text frame with a JSON call' };

/**
 * ws closes a connection over a bad frame with a bare code, then reports the
 * error; this gives that close a reason the page can show. Closes that carry
 * their own reason pass through unchanged.
 */
class ApiSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    super.close(code, data ?? (code === undefined ? undefined : REASONS[code]));
  }
}

export interface SocketHub {
  /** Sends an event to every connected page. */
  broadcast(event: HostEvent): void;
  readonly clients: number;
  close(): void;
}

export function attachApiSocket(server: Server, opts: { token: string; site: Site; methods: ApiMethods; log(message: string): void }): SocketHub {
  const wss = new WebSocketServer<typeof ApiSocket>({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, WebSocket: ApiSocket });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands an upgrade's socket over without its error listener; a reset here would otherwise end the process.
    socket.on('error', () => socket.destroy());
    try {
      const refusal = refuseUpgrade(req, opts.token, opts.site);
      if (refusal) {
        opts.log(`netwright serve: refused a socket from ${JSON.stringify(req.headers.origin ?? 'no origin').slice(0, 200)}: ${refusal}`);
        socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal}\n`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    } catch (err) {
      opts.log(`netwright serve: upgrade failed: ${(err as Error).message}`);
      socket.destroy();
    }
  });

  wss.on('connection', (ws: ApiSocket) => {
    // Without a listener, one bad frame's 'error' would end the process. ws has already closed the connection.
    ws.on('error', (err) => opts.log(`netwright serve: closed a socket: ${err.message}`));
    ws.on('message', (data, isBinary) => {
      try {
        onMessage(ws, isBinary ? BINARY : readCallFrame(data.toString()));
      } catch (err) {
        opts.log(`netwright serve: a message failed: ${(err as Error).stack ?? String(err)}`);
        ws.close(1011, 'the server could not handle this message');
      }
    });
  });

  function onMessage(ws: ApiSocket, frame: FrameRead): void {
    if (!frame.ok) return ws.close(frame.code, frame.reason);
    void dispatch(opts.methods, frame.method, frame.args, opts.log)
      .then((reply) => {
        const out: ServerFrame = reply.ok ? { type: 'result', id: frame.id, value: reply.value } : { type: 'error', id: frame.id, error: reply.error };
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(out));
      })
      .catch((err: unknown) => {
        // dispatch always replies; this is a result that would not serialize.
        opts.log(`netwright serve: could not answer ${typeof frame.method === 'string' ? frame.method.slice(0, 80) : 'a call'}: ${(err as Error).message}`);
        const out: ServerFrame = { type: 'error', id: frame.id, error: { code: 'failed', message: 'the host could not send this result' } };
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(out));
      });
  }

  return {
    broadcast(event) {
      const text = JSON.stringify({ type: 'event', event } satisfies ServerFrame);
      for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
    },
    get clients() {
      return wss.clients.size;
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
