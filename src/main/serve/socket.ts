/**
 * The API over WebSocket: each text frame is a ClientFrame `call`; each answer
 * a ServerFrame `result` or `error` with the same id, and the host pushes
 * `event` frames. Calls run concurrently; dispatch validates every one.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiMethods, HostEvent, ServerFrame } from '../../shared/protocol/api.ts';
import { MAX_PROJECT_TEXT } from '../../shared/protocol/api-args.ts';
import { dispatch } from '../services/host/index.ts';
import { refuseUpgrade } from './security.ts';

export interface SocketHub {
  /** Sends an event to every connected page. */
  broadcast(event: HostEvent): void;
  readonly clients: number;
  close(): void;
}

export function attachApiSocket(server: Server, opts: { token: string; host: string; methods: ApiMethods; log(message: string): void }): SocketHub {
  // JSON escaping can double a dropped file's text; leave room for that.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PROJECT_TEXT * 2 + 64 * 1024 });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = refuseUpgrade(req, opts.token, opts.host);
    if (refusal) {
      opts.log(`netwright serve: refused a socket from ${req.headers.origin ?? 'no origin'}: ${refusal}`);
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => {
      const frame = isBinary ? undefined : parseCall(data.toString());
      if (!frame) {
        ws.close(1003, 'expected a JSON call frame {type:"call", id, method, args}');
        return;
      }
      void dispatch(opts.methods, frame.method, frame.args, opts.log).then((reply) => {
        const out: ServerFrame = reply.ok ? { type: 'result', id: frame.id, value: reply.value } : { type: 'error', id: frame.id, error: reply.error };
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(out));
      });
    });
  });

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

function parseCall(text: string): { id: number; method: unknown; args: unknown } | undefined {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof frame !== 'object' || frame === null) return undefined;
  const { type, id, method, args } = frame as Record<string, unknown>;
  if (type !== 'call' || typeof id !== 'number' || !Number.isSafeInteger(id)) return undefined;
  return { id, method, args };
}
