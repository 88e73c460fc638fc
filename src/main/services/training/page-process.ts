/**
 * A run in Chromium's GPU page, seen by the training host as one more
 * TrainerProcess. A transport reaches the page (a hidden Electron window in
 * the desktop app, src/main/app/gpu-page.ts; Debian's Chromium in the tests
 * and benches, page-chromium.ts) and reports to the run's PageSide. Besides
 * carrying commands and events, the host side answers the page's two
 * requests from the start command it sent: the dataset (loaded here, where
 * the files are) and the save (written here, into the run's folder).
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

/** What a transport (the Electron window, or Chromium under Playwright) does for the run. */
export interface PageHandle {
  /** Hands a command to the page; called only once the page listens. */
  deliver(command: TrainerCommand): void;
  /** Ends the page; the transport then reports `gone` with reason `closed`. */
  close(): void;
  /** The renderer's process id, once known. */
  pid?(): number | undefined;
}

/** What a transport reports about the page. */
export interface PageSide {
  /** The page listens for commands now. */
  ready(): void;
  event(event: unknown): void;
  request(request: unknown): Promise<PageReply>;
  /** Console errors and warnings of the page: they explain failures. */
  console(line: string): void;
  /** Once; later calls are ignored. */
  gone(gone: PageGone): void;
}

/** How long a page may take to start listening before its run is reported as not started. */
const START_TIMEOUT_MS = 30_000;
/**
 * The page has no pulse (PULSE_PREFIX): its heartbeats stop while a batch on
 * its wasm or cpu fallback blocks its one thread, so it is given longer than
 * a Node trainer before it counts as frozen. WebGPU batches do not block it.
 */
const PAGE_HEARTBEAT_TIMEOUT_MS = 10_000;

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

/** How each ending reaches the host: exit code, signal, and a sentence where a code says too little. */
function exitOf(gone: PageGone, exited: boolean, killed: boolean): [number | null, NodeJS.Signals | null, string?] {
  const detail = gone.detail ? ` (${gone.detail})` : '';
  switch (gone.reason) {
    case 'closed':
      return [exited ? 0 : null, exited || !killed ? null : 'SIGKILL'];
    case 'killed':
      return [null, 'SIGKILL'];
    case 'oom':
      return [null, null, `the GPU page ran out of memory${detail}; try a smaller batch size, a smaller model or a subset of the data`];
    case 'crashed':
      return [null, null, `the GPU page's renderer crashed${detail}; the GPU driver or Chromium's WebGPU may be at fault, so try the wasm or cpu backend`];
    case 'load-failed':
      return [null, null, `the GPU page did not load${gone.detail ? `: ${gone.detail}` : ''}`];
    default:
      throw new Error(`unknown page ending ${String(gone.reason satisfies never)}`);
  }
}

/**
 * The run's process as the host sees it, and the side its transport reports
 * to: commands wait until the page listens, the page's requests are answered
 * from the start command, and the first ending becomes the exit.
 */
export function pageTrainerProcess(handle: PageHandle): { process: TrainerProcess; page: PageSide } {
  let start: StartCommand | null = null;
  let ready = false;
  let exited = false;
  let killed = false;
  let ending: ReturnType<typeof exitOf> | null = null;
  const queue: TrainerCommand[] = [];
  const messageListeners: ((m: unknown) => void)[] = [];
  const outputListeners: ((chunk: string) => void)[] = [];
  const exitListeners: ((...exit: ReturnType<typeof exitOf>) => void)[] = [];
  const tell = (m: unknown) => messageListeners.forEach((l) => l(m));
  const startTimer = setTimeout(() => page.gone({ reason: 'load-failed', detail: `it did not start within ${START_TIMEOUT_MS / 1000} s` }), START_TIMEOUT_MS);
  startTimer.unref?.();

  const page: PageSide = {
    ready() {
      clearTimeout(startTimer);
      ready = true;
      queue.splice(0).forEach((c) => handle.deliver(c));
    },
    event(event) {
      tell(event);
      // The run has said its last word: the page's work is done.
      if ((event as { type?: unknown } | null)?.type === 'exit') {
        exited = true;
        handle.close();
      }
    },
    async request(raw) {
      try {
        const value = await answer(parsePageRequest(raw), start, (message) => tell({ type: 'log', level: 'info', message }));
        return { ok: true, value };
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        return { ok: false, name: e.name, message: e.message };
      }
    },
    console: (line) => outputListeners.forEach((l) => l(line.endsWith('\n') ? line : `${line}\n`)),
    gone(gone) {
      if (ending) return;
      clearTimeout(startTimer);
      ending = exitOf(gone, exited, killed);
      // A page that crashed, failed to load or never started is still open somewhere: take it away.
      if (gone.reason !== 'closed') handle.close();
      exitListeners.forEach((l) => l(...ending!));
    },
  };

  const process: TrainerProcess = {
    get pid() {
      return handle.pid?.();
    },
    heartbeatTimeoutMs: PAGE_HEARTBEAT_TIMEOUT_MS,
    send(command) {
      if (ending) return;
      if (command.type === 'start') start = command;
      if (ready) handle.deliver(command);
      else queue.push(command);
    },
    kill() {
      killed = true;
      handle.close();
    },
    onMessage: (listener) => void messageListeners.push(listener),
    onOutput: (listener) => void outputListeners.push(listener),
    onExit(listener) {
      if (ending) listener(...ending);
      else exitListeners.push(listener);
    },
  };
  return { process, page };
}
