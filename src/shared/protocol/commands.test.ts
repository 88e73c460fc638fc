import { describe, expect, it } from 'vitest';
import { accelerator, COMMANDS, MENU_COMMANDS, menuGroups, TEXT_EDITING_COMMANDS, type CommandId } from './commands.ts';

describe('command table', () => {
  it('gives every key chord to one command only', () => {
    const owners = new Map<string, CommandId>();
    for (const [id, spec] of Object.entries(COMMANDS) as [CommandId, (typeof COMMANDS)[CommandId]][]) {
      for (const key of spec.keys) {
        expect(owners.get(key), `${key} is bound to ${owners.get(key)} and ${id}`).toBeUndefined();
        owners.set(key, id);
      }
    }
  });

  it('lays out the menus in groups, in table order', () => {
    expect(menuGroups('file')).toEqual([['file.new', 'file.open'], ['file.save', 'file.save-as'], ['file.export-typescript']]);
    expect(menuGroups('view')[0]).toEqual(['view.zoom-in', 'view.zoom-out', 'view.fit', 'view.auto-layout']);
    expect(COMMANDS['view.fit'].label).toBe('Fit to Window');
    expect(COMMANDS['view.toggle-inspector'].label).toBe('Toggle Side Panel');
  });

  it('keeps training keys in the page: the host sends only menu commands', () => {
    expect(MENU_COMMANDS).toContain('app.save-and-close');
    expect(MENU_COMMANDS.some((c) => c.startsWith('train.'))).toBe(false);
    expect(COMMANDS['train.start'].keys).toEqual(['Mod+Enter', 'F5']);
  });

  it('writes the desktop binding as an Electron accelerator', () => {
    expect(accelerator('edit.redo')).toBe('CmdOrCtrl+Shift+Z');
    expect(accelerator('edit.delete')).toBe('Delete');
    expect(accelerator('app.save-and-close')).toBeNull();
    expect(TEXT_EDITING_COMMANDS).toEqual(['edit.undo', 'edit.redo', 'edit.cut', 'edit.copy', 'edit.paste', 'edit.delete', 'edit.select-all']);
  });
});
