/**
 * Browser mode: `netwright serve` runs the same host API as the desktop app
 * over a WebSocket and serves the built renderer, so the editor works in any
 * browser (and the end-to-end tests drive it in Chromium). See serve/security.ts
 * for who may connect, and serve/socket.ts for what a connection may send.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { ProjectService, defaultConfigDir } from './services/projects/index.ts';
import { createHostMethods, hostVersion, IN_APP_DIALOGS, NO_WINDOW, RootPolicy } from './services/host/index.ts';
import { TrainingService } from './services/runs/index.ts';
import { SearchService } from './services/search/service.ts';
import type { TrainingHost } from './services/training/index.ts';
import { DEFAULT_WEB_DIR } from './serve/build.ts';
import { newToken } from './serve/security.ts';
import { attachApiSocket, type SocketHub } from './serve/socket.ts';
import { serveStatic } from './serve/static.ts';

export interface ServeOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Interface to listen on; 127.0.0.1 keeps the server private to this machine. */
  readonly host: string;
  /** The folder the UI may open and save files in. */
  readonly root: string;
  /** The built renderer; defaults to out/web of this checkout. */
  readonly webDir?: string;
  /** Recent list, recovery file and runs; defaults to NETWRIGHT_CONFIG_DIR or the platform's config folder. */
  readonly configDir?: string;
  /** Starts trainer processes; default: a TrainingHost forking src/main/trainer/child.ts. */
  readonly trainingHost?: TrainingHost;
  /** A fixed token (tests); a random one per launch otherwise. */
  readonly token?: string;
  readonly log?: (message: string) => void;
}

export interface RunningServer {
  /** The URL to open, token included, e.g. http://127.0.0.1:5317/?token=… */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly hub: SocketHub;
  readonly training: TrainingService;
  /** Stops every run (each recorded as stopped), then closes the sockets and the server. */
  close(): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const token = opts.token ?? newToken();
  const root = resolve(opts.root);
  const webDir = opts.webDir ?? DEFAULT_WEB_DIR;
  const configDir = opts.configDir ?? defaultConfigDir();
  const training = new TrainingService({ runsDir: join(configDir, 'runs'), host: opts.trainingHost, log });
  const searches = new SearchService({ dir: join(configDir, 'searches'), training, log });
  const methods = createHostMethods({
    info: { kind: 'browser', nativeDialogs: false, platform: process.platform, version: hostVersion(), root },
    projects: new ProjectService(configDir),
    paths: new RootPolicy(root),
    dialogs: IN_APP_DIALOGS,
    window: NO_WINDOW,
    training,
    searches,
  });
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, () => {
      server.off('error', fail);
      done();
    });
  });
  // Later errors (a failed accept when out of file handles) are logged; without a listener they would end the process.
  server.on('error', (err) => log(`netwright serve: ${err.message}`));
  const port = (server.address() as AddressInfo).port;
  // Handlers go on once the port is known: the host checks and the page's CSP name it. No request can arrive before.
  const site = { host: opts.host, port };
  server.on('request', (req, res) => {
    serveStatic(webDir, site, req, res).catch((err: unknown) => {
      log(`netwright serve: ${req.url}: ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const hub = attachApiSocket(server, { token, site, methods, log });
  training.onEvent((event) => hub.broadcast(event));
  searches.onEvent((event) => hub.broadcast(event));
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    hub,
    training,
    async close() {
      await searches.stopAll();
      await training.stopAll();
      await new Promise<void>((done) => {
        hub.close();
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}
