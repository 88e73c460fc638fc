/** The one editor window, locked down: the page gets the preload bridge and nothing of Node or Electron. */
import { BrowserWindow } from 'electron';

export interface WindowSources {
  /** The CommonJS preload bundle (out/preload/index.cjs). */
  readonly preload: string;
  /** The electron-vite dev server in development, else null. */
  readonly devUrl: string | null;
  /** The built renderer (out/renderer/index.html). */
  readonly indexHtml: string;
}

export function createMainWindow(sources: WindowSources): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: sources.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // A crashed or killed page comes back; its unsaved work is in the recovery file, which it offers on load.
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) win.webContents.reload();
  });
  if (sources.devUrl) void win.loadURL(sources.devUrl);
  else void win.loadFile(sources.indexHtml);
  return win;
}

/** True when an IPC message comes from this window's own page (not a frame or page it navigated to). */
export function isOwnPage(win: BrowserWindow | null, sender: Electron.WebContents, frame: Electron.WebFrameMain | null, sources: WindowSources): boolean {
  if (!win || win.isDestroyed() || sender !== win.webContents || !frame || frame !== sender.mainFrame) return false;
  const url = new URL(frame.url);
  if (sources.devUrl) return url.origin === new URL(sources.devUrl).origin;
  return url.protocol === 'file:' && decodeURIComponent(url.pathname).endsWith('/renderer/index.html');
}
