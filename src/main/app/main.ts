/**
 * The desktop app's main process: one locked-down window, the menu, native
 * dialogs, and the same host API as browser mode bound to IPC. Everything
 * else lives in src/main/services so that `netwright serve` and the CLI share it.
 */
import { app, ipcMain, Menu, session, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC_CALL, IPC_EVENT, type HostEvent, type RecentProject } from '../../shared/protocol/api.ts';
import { createHostMethods, dispatch, GrantPolicy } from '../services/host/index.ts';
import { ProjectService } from '../services/projects/index.ts';
import { TrainingService } from '../services/runs/index.ts';
import { SearchService } from '../services/search/service.ts';
import { TrainingHost } from '../services/training/index.ts';
import type { TrainerLauncher } from '../services/training/process.ts';
import { chooseTrainerPlace, nativeTensorflowInstalled } from '../services/training/route.ts';
import { nativeDialogs } from './dialogs.ts';
import { DocumentWindow } from './document-window.ts';
import { gpuPageLauncher } from './gpu-page.ts';
import { menuTemplate } from './menu.ts';
import { registerTrainerScheme, serveTrainerPage, TRAINER_PAGE_URL } from './trainer-protocol.ts';
import { utilityTrainerLauncher } from './utility-trainer.ts';
import { createMainWindow, isOwnPage, type WindowSources } from './window.ts';

const here = dirname(fileURLToPath(import.meta.url));
const sources: WindowSources = {
  preload: join(here, '../preload/index.cjs'),
  devUrl: process.env.ELECTRON_RENDERER_URL ?? null,
  indexHtml: join(here, '../renderer/index.html'),
};
/** Clipboard access lets copy/paste carry project JSON between windows; every other permission is refused. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-read', 'clipboard-sanitized-write']);

app.enableSandbox();
// Chromium on Linux offers WebGPU only behind this switch; the GPU trainer page needs it, and only our own pages are ever loaded.
if (process.platform === 'linux') app.commandLine.appendSwitch('enable-unsafe-webgpu');
registerTrainerScheme();
if (!app.requestSingleInstanceLock()) app.quit();
else start();

function start(): void {
  let win: BrowserWindow | null = null;
  let docWindow: DocumentWindow | null = null;
  const configDir = process.env.NETWRIGHT_CONFIG_DIR ?? app.getPath('userData');
  const projects = new ProjectService(configDir);
  const paths = new GrantPolicy();
  const send = (event: HostEvent) => {
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT, event);
  };
  // electron-vite builds the trainer beside this file (out/main/trainer.js); each run gets its own utility
  // process, or, for WebGPU, a hidden window with the trainer page (out/trainer-page; see route.ts).
  const gpuPage = gpuPageLauncher({ url: TRAINER_PAGE_URL, preload: join(here, '../preload/trainer.cjs') });
  const native = nativeTensorflowInstalled();
  const launch: TrainerLauncher = (entry, start) => (chooseTrainerPlace(start.settings.backend, native) === 'gpu-page' ? gpuPage : utilityTrainerLauncher)(entry, start);
  const training = new TrainingService({
    runsDir: join(configDir, 'runs'),
    host: new TrainingHost({ entry: join(here, 'trainer.js'), launch }),
    log: (m) => console.error(m),
  });
  training.onEvent(send);
  const searches = new SearchService({ dir: join(configDir, 'searches'), training, log: (m) => console.error(m) });
  searches.onEvent(send);
  const methods = createHostMethods({
    info: { kind: 'electron', nativeDialogs: true, platform: process.platform, version: app.getVersion(), root: null },
    projects,
    paths,
    dialogs: nativeDialogs(() => win),
    window: { setDirty: (dirty, title) => docWindow?.setDirty(dirty, title), close: () => docWindow?.close() },
    training,
    searches,
  });

  const refreshMenu = async () => {
    const recent: readonly RecentProject[] = await projects.listRecent().catch(() => []);
    for (const r of recent) paths.grant(r.path);
    const template = menuTemplate({
      platform: process.platform,
      recent,
      send: (command) => send({ type: 'menu', command }),
      openRecent: (path) => send({ type: 'open-path', path }),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const openWindow = () => {
    win = createMainWindow(sources);
    docWindow = new DocumentWindow(win, { send, discardRecovery: () => projects.recovery.discard() });
    win.on('closed', () => {
      win = null;
      docWindow = null;
      // Hidden trainer windows do not keep the app open: closing the editor quits (and stops their runs) as usual.
      if (process.platform !== 'darwin') app.quit();
    });
  };

  // Every page and frame, now and later: no navigation away, no new windows, no <webview>.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  ipcMain.handle(IPC_CALL, async (event, method: unknown, args: unknown) => {
    if (!isOwnPage(win, event.sender, event.senderFrame, sources)) {
      return { ok: false, error: { code: 'failed', message: 'refused: the call did not come from the Netwright window' } };
    }
    const reply = await dispatch(methods, method, args, (m) => console.error(m));
    if (method === 'openProject' || method === 'saveProject') void refreshMenu();
    return reply;
  });

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  // Quitting waits for every run to stop, so each is recorded as stopped with its weights saved.
  let runsStopped = false;
  app.on('before-quit', (event) => {
    if (runsStopped) return;
    event.preventDefault();
    // A search stops first, so it does not start its next trial while the runs stop.
    void searches
      .stopAll()
      .then(() => training.stopAll())
      .finally(() => {
        runsStopped = true;
        app.quit();
      });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!win) openWindow();
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, permission, answer) => answer(ALLOWED_PERMISSIONS.has(permission)));
    session.defaultSession.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
    serveTrainerPage(join(here, '../trainer-page'));
    await refreshMenu();
    openWindow();
  });
}
