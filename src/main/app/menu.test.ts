import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { COMMANDS, MENU_COMMANDS, type CommandId, type MenuCommand } from '../../shared/protocol/api.ts';
import { menuTemplate, windowTitle } from './menu.ts';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function clickAll(platform: NodeJS.Platform) {
  const sent: MenuCommand[] = [];
  const opened: string[] = [];
  const template = menuTemplate({
    platform,
    recent: [{ path: '/p/a.nwproj.json', name: 'A', openedAt: '2025-01-01T00:00:00Z' }],
    send: (c) => sent.push(c),
    openRecent: (p) => opened.push(p),
  });
  const items = flatten(template);
  for (const i of items) (i.click as (() => void) | undefined)?.();
  return { template, items, sent, opened };
}

describe('application menu', () => {
  it('has File, Edit and View menus that send every editor command once', () => {
    const { template, sent, opened } = clickAll('linux');
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View']);
    expect([...sent].sort()).toEqual(MENU_COMMANDS.filter((c) => c !== 'app.save-and-close').sort());
    expect(opened).toEqual(['/p/a.nwproj.json']);
  });

  it('shows only commands of the shared table, each under its label and in its menu', () => {
    // Electron's own items are not commands; a new one is a decision, so it is listed here.
    const roles = new Set(['appMenu', 'windowMenu', 'quit', 'togglefullscreen', 'toggleDevTools']);
    for (const platform of ['linux', 'darwin'] as const) {
      let sent: string[] = [];
      let opened: string[] = [];
      const template = menuTemplate({ platform, recent: [{ path: '/p/a.nwproj.json', name: 'A', openedAt: '2025-01-01T00:00:00Z' }], send: (c) => sent.push(c), openRecent: (p) => opened.push(p) });
      const shown: string[] = [];
      for (const top of template.filter((m) => !m.role)) {
        const menuId = top.label!.replace('&', '').toLowerCase();
        for (const entry of flatten(top.submenu as MenuItemConstructorOptions[])) {
          if (entry.type === 'separator' || entry.label === 'Open Recent') continue;
          if (entry.role) {
            expect(roles, `role ${entry.role}`).toContain(entry.role);
            continue;
          }
          sent = [];
          opened = [];
          (entry.click as () => void)();
          if (opened.length) continue;
          expect(sent, `"${entry.label}" sends one command`).toHaveLength(1);
          const id = sent[0] as CommandId;
          expect(Object.keys(COMMANDS), `"${entry.label}" sends ${id}`).toContain(id);
          expect(entry.label).toBe(COMMANDS[id].label);
          expect(COMMANDS[id].menu?.in).toBe(menuId);
          shown.push(id);
        }
      }
      const listed = MENU_COMMANDS.filter((c) => COMMANDS[c].menu);
      expect([...shown].sort()).toEqual([...listed].sort());
    }
  });

  it('reads the desktop labels people expect: Fit to Window, Toggle Side Panel', () => {
    const labels = clickAll('linux').items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['New from Template…', 'Fit to Window', 'Auto Layout', 'Toggle Side Panel', 'Toggle Dashboard']));
  });

  it('shows distinct accelerators and leaves text-editing keys to the page off macOS', () => {
    const { items } = clickAll('linux');
    const accelerators = items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    const undo = items.find((i) => i.label === 'Undo')!;
    expect(undo).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(items.find((i) => i.label === 'Save')).toMatchObject({ accelerator: 'CmdOrCtrl+S' });
    expect(items.find((i) => i.label === 'Save')!.registerAccelerator).toBeUndefined();
  });

  it('uses the macOS app and window menus and no bare Delete key there', () => {
    const { template, items } = clickAll('darwin');
    expect(template[0]).toEqual({ role: 'appMenu' });
    expect(template.at(-1)).toEqual({ role: 'windowMenu' });
    expect(items.find((i) => i.label === 'Delete')!.accelerator).toBeUndefined();
    expect(items.find((i) => i.label === 'Undo')!.registerAccelerator).toBeUndefined();
  });

  it('marks unsaved work in the title', () => {
    expect(windowTitle('mlp.nwproj.json', true)).toBe('• mlp.nwproj.json — Netwright');
    expect(windowTitle('', false)).toBe('Untitled — Netwright');
  });
});
