import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../api.ts';
import { allowedWhileTyping, commandFor, keyLabel, tooltip, trainingTooltip } from './shortcuts.ts';

const key = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean; code?: string } = {}) => ({
  key,
  code: mods.code ?? '',
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

describe('keyboard shortcuts', () => {
  it('binds the desktop menu\'s keys, with Ctrl off macOS and Cmd on it', () => {
    expect(COMMANDS['edit.undo'].keys[0]).toBe('Mod+Z');
    expect(commandFor(key('z', { ctrl: true }), false)).toBe('edit.undo');
    expect(commandFor(key('z', { meta: true }), true)).toBe('edit.undo');
    expect(commandFor(key('z', { meta: true }), false)).toBeUndefined();
    expect(commandFor(key('Z', { ctrl: true, shift: true }), false)).toBe('edit.redo');
    expect(commandFor(key('y', { ctrl: true }), false)).toBe('edit.redo');
    expect(commandFor(key('S', { ctrl: true, shift: true }), false)).toBe('file.save-as');
    expect(commandFor(key('s', { ctrl: true }), false)).toBe('file.save');
    expect(commandFor(key('0', { ctrl: true, code: 'Digit0' }), false)).toBe('view.fit');
  });

  it('takes the single-key canvas extras, whatever Shift does to + on the layout', () => {
    expect(commandFor(key('f'), false)).toBe('view.fit');
    expect(commandFor(key('+', { shift: true }), false)).toBe('view.zoom-in');
    expect(commandFor(key('-'), false)).toBe('view.zoom-out');
    expect(commandFor(key('L', { shift: true }), false)).toBe('view.auto-layout');
    expect(commandFor(key('Delete'), false)).toBe('edit.delete');
    expect(commandFor(key('Backspace'), false)).toBe('edit.delete');
    expect(commandFor(key('l'), false)).toBeUndefined();
    expect(commandFor(key('u'), false)).toBe('view.units');
  });

  it('labels keys the way each platform writes them', () => {
    expect(keyLabel('Mod+Shift+S', false)).toBe('Ctrl+Shift+S');
    expect(keyLabel('Mod+Shift+S', true)).toBe('⇧⌘S');
    expect(tooltip('edit.undo', false)).toBe('Undo (Ctrl+Z)');
    expect(tooltip('file.export-typescript', false)).toBe('Export TypeScript (Ctrl+E)');
  });
});

describe('training keys', () => {
  it('starts with Ctrl+Enter or F5, pauses with F6 and stops with Shift+F5, without clashing with the menu', () => {
    expect(commandFor(key('Enter', { ctrl: true }), false)).toBe('train.start');
    expect(commandFor(key('Enter', { meta: true }), true)).toBe('train.start');
    expect(commandFor(key('F5'), false)).toBe('train.start');
    expect(commandFor(key('F6'), false)).toBe('train.pause');
    expect(commandFor(key('F5', { shift: true }), false)).toBe('train.stop');
    expect(commandFor(key('Enter'), false)).toBeUndefined();
    // A field does not swallow them: training starts from the settings being typed.
    expect(allowedWhileTyping('train.start')).toBe(true);
    expect(allowedWhileTyping('edit.undo')).toBe(false);
    expect(trainingTooltip('train.stop', false)).toBe('Stop training (Shift+F5)');
    expect(trainingTooltip('train.start', true)).toBe('Start training (⌘Enter or F5)');
  });
});
