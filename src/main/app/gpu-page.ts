/**
 * Desktop WebGPU: each such run trains in a hidden window whose page
 * (out/trainer-page, built from src/main/trainer/page) runs the trainer core
 * on Chromium's own WebGPU, because Dawn's Node addon does not load inside
 * Electron's processes. The window is as locked down as the editor's
 * (sandbox, context isolation, a CSP, no navigation) and its preload exposes
 * only the trainer bridge. Its messages arrive on IPC handlers scoped to its
 * own webContents and are checked like every renderer message: events by
 * isTrainerEvent in the run, requests by parsePageRequest.
 */
import { BrowserWindow } from 'electron';
import { PAGE_CHANNELS } from '../trainer/page/bridge.ts';
import { pageTrainerProcess, type PageGone } from '../services/training/page-process.ts';
import type { TrainerLauncher, TrainerProcess } from '../services/training/process.ts';

export interface GpuPageSources {
  /** The page, served with cross-origin isolation (trainer-protocol.ts). */
  readonly url: string;
  /** out/preload/trainer.cjs */
  readonly preload: string;
}

function goneReason(reason: string): PageGone['reason'] {
  switch (reason) {
    case 'oom':
    case 'memory-eviction':
      return 'oom';
    case 'killed':
      return 'killed';
    case 'launch-failed':
    case 'integrity-failure':
      return 'load-failed';
    default:
      return 'crashed';
  }
}

/** One run's hidden window, its IPC scoped to that window, its endings reported. */
function trainerWindow(sources: GpuPageSources): TrainerProcess {
  const win = new BrowserWindow({
    show: false,
    width: 400,
    height: 300,
    title: 'Netwright trainer',
    webPreferences: {
      preload: sources.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      // A hidden window's timers would otherwise be slowed to once a second.
      backgroundThrottling: false,
      spellcheck: false,
    },
  });
  const contents = win.webContents;
  let closing = false;
  const { process, page } = pageTrainerProcess({
    deliver: (command) => void (contents.isDestroyed() || contents.send(PAGE_CHANNELS.command, command)),
    close() {
      closing = true;
      if (!win.isDestroyed()) win.destroy();
    },
    pid: () => (contents.isDestroyed() ? undefined : contents.getOSProcessId() || undefined),
  });
  contents.ipc.on(PAGE_CHANNELS.ready, () => page.ready());
  contents.ipc.on(PAGE_CHANNELS.event, (_e, event: unknown) => page.event(event));
  contents.ipc.handle(PAGE_CHANNELS.request, (_e, request: unknown) => page.request(request));
  contents.on('console-message', (details) => {
    if (details.level === 'error' || details.level === 'warning') page.console(details.message);
  });
  contents.on('render-process-gone', (_e, details) => page.gone({ reason: goneReason(details.reason), detail: `${details.reason}, exit code ${details.exitCode}` }));
  contents.on('did-fail-load', (_e, _code, description) => page.gone({ reason: 'load-failed', detail: description }));
  win.on('closed', () => page.gone({ reason: closing ? 'closed' : 'killed' }));
  void win.loadURL(sources.url).catch(() => {});
  return process;
}

export function gpuPageLauncher(sources: GpuPageSources): TrainerLauncher {
  return () => trainerWindow(sources);
}
