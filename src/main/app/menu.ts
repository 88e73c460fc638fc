/**
 * The application menu as data. Its File, Edit and View items come from the
 * shared command table (label, key, group), the one the page's own menus and
 * key handler read; only what the desktop adds around them is declared here:
 * Open Recent, Quit, full screen and the macOS app and window menus. Items
 * send MenuCommands to the renderer, which owns the document; the menu itself
 * never edits anything. Kept free of runtime electron imports so its shape is
 * unit-tested.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { accelerator, COMMANDS, MENUS, menuGroups, type MenuCommand, type MenuId, type RecentProject } from '../../shared/protocol/api.ts';

export interface MenuActions {
  readonly platform: NodeJS.Platform;
  readonly recent: readonly RecentProject[];
  send(command: MenuCommand): void;
  openRecent(path: string): void;
}

export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = actions.platform === 'darwin';
  const item = (command: MenuCommand): MenuItemConstructorOptions => {
    const { label, textEditing } = COMMANDS[command];
    const key = accelerator(command);
    // A bare Delete key equivalent on macOS would swallow Delete in text fields, so it is shown only elsewhere.
    if (!key || (mac && key === 'Delete')) return { label, click: () => actions.send(command) };
    return {
      label,
      accelerator: key,
      // On Linux and Windows the page gets text-editing keys and routes them to a focused field or the graph.
      ...(textEditing && !mac ? { registerAccelerator: false } : {}),
      click: () => actions.send(command),
    };
  };
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const recent: MenuItemConstructorOptions = {
    label: 'Open Recent',
    submenu: actions.recent.length
      ? actions.recent.map((r) => ({ label: `${r.name} — ${r.path}`, click: () => actions.openRecent(r.path) }))
      : [{ label: 'No recent projects', enabled: false }],
  };
  /** What only the desktop has: after a command, or at the end of a menu. */
  const after: Partial<Record<MenuCommand, MenuItemConstructorOptions[]>> = { 'file.open': [recent] };
  const tail: Record<MenuId, MenuItemConstructorOptions[]> = {
    file: mac ? [] : [sep, { role: 'quit' }],
    edit: [],
    view: [
      sep,
      { role: 'togglefullscreen' },
      // Developer tools only in development builds: a packaged app should not invite pasting code into a console.
      ...(process.env.ELECTRON_RENDERER_URL ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
    ],
  };
  const menu = (id: MenuId, label: string): MenuItemConstructorOptions => ({
    label: `&${label}`,
    submenu: [...menuGroups(id).flatMap((group, i) => [...(i ? [sep] : []), ...group.flatMap((c) => [item(c), ...(after[c] ?? [])])]), ...tail[id]],
  });

  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    ...MENUS.map((m) => menu(m.id, m.label)),
    ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
  ];
}

/** "• Fashion MLP.nwproj.json — Netwright" while unsaved; the dot is the unsaved mark. */
export function windowTitle(title: string, dirty: boolean): string {
  return `${dirty ? '• ' : ''}${title || 'Untitled'} — Netwright`;
}
