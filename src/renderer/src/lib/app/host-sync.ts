/**
 * Keeps the host and the editor in step: menu commands and Open Recent from
 * the host, the window title and unsaved mark to the host, autosave of
 * unsaved work, and the recovery offer at start-up. Returns a function that
 * undoes all of it.
 */
import { AUTOSAVE_MS } from './files.ts';
import { applyToTextField } from './keys.ts';
import type { AppController } from './controller.svelte.ts';

export function connectHost(app: AppController): () => void {
  const { api, store, files } = app;
  const stops: (() => void)[] = [];

  stops.push(
    api.onEvent((event) => {
      switch (event.type) {
        case 'menu':
          if (!applyToTextField(event.command)) void app.run(event.command);
          return;
        case 'open-path':
          void files.openPath(event.path);
          return;
        case 'training':
          // Routed by app.training, which subscribes on its own.
          return;
        case 'search':
          // Followed by app.searches (subscribed below).
          return;
        default: {
          const never: never = event;
          throw new Error(`unknown host event ${JSON.stringify(never)}`);
        }
      }
    }),
  );
  stops.push(
    api.onConnection((state) => {
      app.connection = state;
      // Tests and scripts wait on this attribute before they drive the UI.
      document.documentElement.dataset.hostConnection = state;
    }),
  );

  stops.push(app.searches.connect());

  let last = '';
  const syncTitle = () => {
    const dirty = store.dirty;
    const title = app.title;
    const key = `${dirty}\u0000${title}`;
    // Setting document.title costs a trip to the browser process; most edits change neither part.
    if (key === last) return;
    last = key;
    document.title = `${dirty ? '• ' : ''}${title} — Netwright`;
    api.setDirty(dirty, title).catch(() => {});
  };
  stops.push(store.onChange(syncTitle));
  syncTitle();

  const timer = setInterval(() => files.autosave().catch(() => {}), AUTOSAVE_MS);
  stops.push(() => clearInterval(timer));

  api.hostInfo().then(
    (info) => (app.host = info),
    () => {},
  );
  files.offerRecovery().catch((err: Error) => {
    app.ui.banner = { kind: 'error', title: 'Could not check for unsaved work', message: err.message };
  });

  return () => {
    for (const stop of stops) stop();
  };
}
