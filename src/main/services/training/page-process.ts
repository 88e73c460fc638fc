/**
 * A run in Chromium's GPU page, seen by the training host as one more
 * TrainerProcess. The page is reached through a PageTransport (a hidden
 * Electron window in the desktop app, src/main/app/gpu-page.ts; Debian's
 * Chromium in the tests and benches, page-chromium.ts). Besides carrying
 * commands and events, the host side answers the page's two requests from
 * the start command it sent: the dataset (loaded here, where the files are)
 * and the save (written here, into the run's folder).
 */
import type { TrainerCommand } from '../../../shared/protocol/trainer.ts';
import { parsePageRequest, type PageReply, type PageRequest } from '../../trainer/page/bridge.ts';
import { writeModelFiles } from '../../trainer/save.ts';
import { loadDataset } from '../datasets/index.ts';
import type { TrainerProcess } from './process.ts';

type StartCommand = Extract<TrainerCommand, { type: 'start' }>;

/** How the page's renderer ended. `closed`: the host closed it. */
export interface PageGone {
  readonly reason: 'closed' | 'crashed' | 'oom' | 'killed' | 'load-failed';
  readonly detail?: string;
}

export interface PageTransport {
  /** The renderer's process id, once known. */
  readonly pid: number | undefined;
  /** Delivers a command once the page listens; dropped after it is gone. */
  post(command: TrainerCommand): void;
  onEvent(listener: (event: unknown) => void): void;
  /** Answers the page's requests; one handler. */
  serve(handler: (request: unknown) => Promise<PageReply>): void;
  /** Console errors and warnings of the page: they explain failures. */
  onConsole(listener: (line: string) => void): void;
  onGone(listener: (gone: PageGone) => void): void;
  close(): void;
}

/** What a transport tells its link about the page. */
export interface PageSide {
  /** The page listens for commands now. */
  ready(): void;
  event(event: unknown): void;
  request(request: unknown): Promise<PageReply>;
  console(line: string): void;
  /** Once; later calls are ignored. */
  gone(gone: PageGone): void;
}

/**
 * The bookkeeping every transport shares: commands queued until the page
 * listens, the listener lists, one ending. A transport supplies how to
 * deliver a command and how to close the page, and reports what happens.
 */
/** How long a page may take to start listening before its run is reported as not started. */
const START_TIMEOUT_MS = 30_000;

export function pageLink(deliver: (command: TrainerCommand) => void, close: () => void, pid: () => number | undefined = () => undefined): { transport: PageTransport; page: PageSide } {
  const startTimer = setTimeout(() => page.gone({ reason: 'load-failed', detail: `it did not start within ${START_TIMEOUT_MS / 1000} s` }), START_TIMEOUT_MS);
  startTimer.unref?.();
  let ready = false;
  let ended = false;
  const queue: TrainerCommand[] = [];
  const events: ((e: unknown) => void)[] = [];
  const consoles: ((line: string) => void)[] = [];
  const gones: ((g: PageGone) => void)[] = [];
  let handler: ((request: unknown) => Promise<PageReply>) | null = null;
  const page: PageSide = {
    ready() {
      clearTimeout(startTimer);
      ready = true;
      queue.splice(0).forEach(deliver);
    },
    event: (e) => events.forEach((l) => l(e)),
    request: (r) => handler?.(r) ?? Promise.resolve({ ok: false, name: 'Error', message: 'the host is not serving requests' }),
    console: (line) => consoles.forEach((l) => l(line)),
    gone(g) {
      if (ended) return;
      ended = true;
      clearTimeout(startTimer);
      gones.forEach((l) => l(g));
    },
  };
  const transport: PageTransport = {
    get pid() {
      return pid();
    },
    post(command) {
      if (ended) return;
      if (ready) deliver(command);
      else queue.push(command);
    },
    onEvent: (l) => void events.push(l),
    serve: (h) => void (handler = h),
    onConsole: (l) => void consoles.push(l),
    onGone: (l) => void gones.push(l),
    close,
  };
  return { transport, page };
}

async function answer(request: PageRequest, start: StartCommand | null, log: (message: string) => void): Promise<unknown> {
  if (!start) throw new Error('the page asked before the run started');
  switch (request.type) {
    case 'dataset': {
      if (start.dataset.kind === 'inline') throw new Error('this run carries its dataset inline');
      let last = '';
      return loadDataset(start.dataset, {
        baseDir: start.baseDir,
        seed: start.settings.seed,
        onProgress: (_f, message) => message !== last && log((last = message)),
      });
    }
    case 'save': {
      const dir = start.options?.saveDir;
      if (!dir) throw new Error('this run was not asked to save its model');
      return writeModelFiles(dir, request);
    }
    default:
      throw new Error(`unknown request ${(request satisfies never as { type: string }).type}`);
  }
}

export function pageTrainerProcess(transport: PageTransport): TrainerProcess {
  let start: StartCommand | null = null;
  let exited = false;
  let killed = false;
  const messageListeners: ((m: unknown) => void)[] = [];
  const outputListeners: ((chunk: string) => void)[] = [];
  const tell = (m: unknown) => messageListeners.forEach((l) => l(m));

  transport.onEvent((event) => {
    tell(event);
    // The run has said its last word: the page's work is done.
    if ((event as { type?: unknown } | null)?.type === 'exit') {
      exited = true;
      transport.close();
    }
  });
  transport.serve(async (raw) => {
    try {
      const value = await answer(parsePageRequest(raw), start, (message) => tell({ type: 'log', level: 'info', message }));
      return { ok: true, value };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      return { ok: false, name: e.name, message: e.message };
    }
  });
  transport.onConsole((line) => outputListeners.forEach((l) => l(line.endsWith('\n') ? line : `${line}\n`)));

  return {
    get pid() {
      return transport.pid;
    },
    send(command) {
      if (command.type === 'start') start = command;
      transport.post(command);
    },
    kill() {
      killed = true;
      transport.close();
    },
    onMessage: (listener) => void messageListeners.push(listener),
    onOutput: (listener) => void outputListeners.push(listener),
    onExit(listener) {
      transport.onGone((gone) => {
        switch (gone.reason) {
          case 'closed':
            return listener(exited ? 0 : null, exited || !killed ? null : 'SIGKILL');
          case 'killed':
            return listener(null, 'SIGKILL');
          case 'oom':
            return listener(null, null, `the GPU page ran out of memory${gone.detail ? ` (${gone.detail})` : ''}; try a smaller batch size, a smaller model or a subset of the data`);
          case 'crashed':
            return listener(null, null, `the GPU page's renderer crashed${gone.detail ? ` (${gone.detail})` : ''}; the GPU driver or Chromium's WebGPU may be at fault, so try the wasm or cpu backend`);
          case 'load-failed':
            return listener(null, null, `the GPU page did not load${gone.detail ? `: ${gone.detail}` : ''}`);
          default:
            throw new Error(`unknown page ending ${String(gone.reason satisfies never)}`);
        }
      });
    },
  };
}
