/**
 * The application menu as data. Items send MenuCommands to the renderer,
 * which owns the document; the menu itself never edits anything. Kept free of
 * runtime electron imports so its shape is unit-tested.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_SHORTCUTS, TEXT_EDITING_COMMANDS, type MenuCommand, type RecentProject } from '../../shared/protocol/api.ts';

export interface MenuActions {
  readonly platform: NodeJS.Platform;
  readonly recent: readonly RecentProject[];
  send(command: MenuCommand): void;
  openRecent(path: string): void;
}

export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = actions.platform === 'darwin';
  const item = (label: string, command: MenuCommand): MenuItemConstructorOptions => {
    const accelerator = MENU_SHORTCUTS[command];
    const textKey = TEXT_EDITING_COMMANDS.includes(command);
    // A bare Delete key equivalent on macOS would swallow Delete in text fields, so it is shown only elsewhere.
    if (!accelerator || (mac && accelerator === 'Delete')) return { label, click: () => actions.send(command) };
    return {
      label,
      accelerator,
      // On Linux and Windows the page gets text-editing keys and routes them to a focused field or the graph.
      ...(textKey && !mac ? { registerAccelerator: false } : {}),
      click: () => actions.send(command),
    };
  };
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const recent: MenuItemConstructorOptions[] = actions.recent.length
    ? actions.recent.map((r) => ({ label: `${r.name} — ${r.path}`, click: () => actions.openRecent(r.path) }))
    : [{ label: 'No recent projects', enabled: false }];

  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        item('New from Template…', 'file.new'),
        item('Open…', 'file.open'),
        { label: 'Open Recent', submenu: recent },
        sep,
        item('Save', 'file.save'),
        item('Save As…', 'file.save-as'),
        sep,
        item('Export TypeScript…', 'file.export-typescript'),
        ...(mac ? [] : [sep, { role: 'quit' } as MenuItemConstructorOptions]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        item('Undo', 'edit.undo'),
        item('Redo', 'edit.redo'),
        sep,
        item('Cut', 'edit.cut'),
        item('Copy', 'edit.copy'),
        item('Paste', 'edit.paste'),
        item('Duplicate', 'edit.duplicate'),
        item('Delete', 'edit.delete'),
        sep,
        item('Select All', 'edit.select-all'),
      ],
    },
    {
      label: '&View',
      submenu: [
        item('Zoom In', 'view.zoom-in'),
        item('Zoom Out', 'view.zoom-out'),
        item('Fit to Window', 'view.fit'),
        item('Auto Layout', 'view.auto-layout'),
        sep,
        item('Toggle Palette', 'view.toggle-palette'),
        item('Toggle Inspector', 'view.toggle-inspector'),
        item('Toggle Dashboard', 'view.toggle-bottom-panel'),
        sep,
        { role: 'togglefullscreen' },
        // Developer tools only in development builds: a packaged app should not invite pasting code into a console.
        ...(process.env.ELECTRON_RENDERER_URL ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
      ],
    },
    ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
  ];
}

/** "• Fashion MLP.nwproj.json — Netwright" while unsaved; the dot is the unsaved mark. */
export function windowTitle(title: string, dirty: boolean): string {
  return `${dirty ? '• ' : ''}${title || 'Untitled'} — Netwright`;
}
