/**
 * The renderer's only door to the host. In the desktop app the preload has put
 * a NetwrightBridge on `window.netwright`; in a browser (`netwright serve`) the
 * API runs over a WebSocket authenticated by the token in the page URL. Both
 * come out as the same NetwrightApi, so nothing else in the renderer knows or
 * cares which host it runs in.
 *
 * Create it once at start-up (createApi()) and hand it down through Svelte
 * context; it holds the connection, so it is not a module-level singleton.
 */
import {
  API_METHOD_NAMES,
  ApiError,
  type ApiMethodName,
  type ApiMethods,
  type CallReply,
  type ClientFrame,
  type ConnectionState,
  type HostEvent,
  type MenuCommand,
  type NetwrightApi,
  type NetwrightBridge,
  type ServerFrame,
} from '../../../shared/protocol/index.ts';

export type * from '../../../shared/protocol/api.ts';
// Training payloads (runs, previews, trainer events) ride on the same API; panels take their types from here too.
export type * from '../../../shared/protocol/training-api.ts';
export type * from '../../../shared/protocol/trainer.ts';
export { ApiError, COMMANDS, MENU_COMMANDS, MENUS, PROJECT_EXTENSION, TEXT_EDITING_COMMANDS, isTrainingCommand, menuGroups } from '../../../shared/protocol/api.ts';

interface Transport {
  readonly kind: NetwrightApi['kind'];
  call(method: ApiMethodName, args: readonly unknown[]): Promise<unknown>;
  onEvent(listener: (event: HostEvent) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

export function createApi(win: Window = window): NetwrightApi {
  const bridge = (win as Window & { netwright?: NetwrightBridge }).netwright;
  const api = wrap(bridge ? bridgeTransport(bridge) : new SocketTransport(win));
  // <html data-host-connection="open">: the end-to-end tests wait on it, and CSS may use it.
  api.onConnection((state) => {
    win.document.documentElement.dataset.hostConnection = state;
  });
  return api;
}

function wrap(transport: Transport): NetwrightApi {
  const methods = Object.fromEntries(
    API_METHOD_NAMES.map((name) => [name, (...args: unknown[]) => transport.call(name, args)]),
  ) as unknown as ApiMethods;
  return {
    ...methods,
    kind: transport.kind,
    onEvent: (listener) => transport.onEvent(listener),
    onMenuCommand: (listener: (command: MenuCommand) => void) =>
      transport.onEvent((event) => {
        if (event.type === 'menu') listener(event.command);
      }),
    onConnection: (listener) => transport.onConnection(listener),
  };
}

function unwrapReply(reply: CallReply): unknown {
  if (reply.ok) return reply.value;
  throw new ApiError(reply.error.code, reply.error.message);
}

function bridgeTransport(bridge: NetwrightBridge): Transport {
  return {
    kind: 'electron',
    call: async (method, args) => unwrapReply(await bridge.call(method, args)),
    onEvent: (listener) => bridge.onEvent(listener),
    onConnection(listener) {
      listener('open');
      return () => {};
    },
  };
}

/** Browser mode: reads the token from the page URL, connects to /api on the same origin, and reconnects with backoff when the socket drops. */
class SocketTransport implements Transport {
  readonly kind = 'browser';
  private socket: WebSocket | null = null;
  private state: ConnectionState = 'connecting';
  private nextId = 1;
  private retryDelay = 250;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  /** Calls made while the socket is down go out as soon as it is back. */
  private readonly queued: ClientFrame[] = [];
  private readonly eventListeners = new Set<(event: HostEvent) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly url: string | null;

  constructor(private readonly win: Window) {
    this.url = socketUrl(win);
    if (this.url) this.connect();
    else this.setState('closed');
  }

  call(method: ApiMethodName, args: readonly unknown[]): Promise<unknown> {
    if (!this.url) {
      return Promise.reject(
        new ApiError('disconnected', 'This page has no access token. Open the URL that `netwright serve` printed (it ends in ?token=…).'),
      );
    }
    const frame: ClientFrame = { type: 'call', id: this.nextId++, method, args };
    return new Promise((resolve, reject) => {
      this.pending.set(frame.id, { resolve, reject });
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
      else this.queued.push(frame);
    });
  }

  onEvent(listener: (event: HostEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  private connect(): void {
    const socket = new WebSocket(this.url!);
    this.socket = socket;
    socket.onopen = () => {
      this.retryDelay = 250;
      this.setState('open');
      for (const frame of this.queued.splice(0)) socket.send(JSON.stringify(frame));
    };
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      // A call that was on the wire may or may not have run; the caller decides whether to retry.
      for (const [id, waiter] of this.pending) {
        if (this.queued.some((f) => f.id === id)) continue;
        waiter.reject(new ApiError('disconnected', 'Lost the connection to the Netwright host while waiting for an answer.'));
        this.pending.delete(id);
      }
      this.setState('reconnecting');
      this.win.setTimeout(() => this.connect(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 5000);
    };
  }

  private receive(data: unknown): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return;
    }
    switch (frame.type) {
      case 'event':
        for (const listener of this.eventListeners) listener(frame.event);
        return;
      case 'result':
      case 'error': {
        const waiter = this.pending.get(frame.id);
        if (!waiter) return;
        this.pending.delete(frame.id);
        if (frame.type === 'result') waiter.resolve(frame.value);
        else waiter.reject(new ApiError(frame.error.code, frame.error.message));
        return;
      }
      default:
        throw new Error(`unknown frame from the host: ${JSON.stringify(frame satisfies never)}`);
    }
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

/** Session storage keeps the token when the UI tidies it out of the address bar and the page is reloaded. */
function socketUrl(win: Window): string | null {
  const key = 'netwright.token';
  const fromUrl = new URLSearchParams(win.location.search).get('token');
  if (fromUrl) win.sessionStorage.setItem(key, fromUrl);
  const token = fromUrl ?? win.sessionStorage.getItem(key);
  if (!token) return null;
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${win.location.host}/api?token=${encodeURIComponent(token)}`;
}
