/**
 * Keyboard shortcuts as data. The primary key of each command comes from the
 * host's MENU_SHORTCUTS (the desktop menu binds and shows the same), plus a
 * few single-key extras for the canvas (F to fit, + and - to zoom). The menu,
 * the tooltips and the key handler all read this table, so what a tooltip
 * promises is what the key does. `Mod` is Cmd on macOS and Ctrl elsewhere.
 */
import { MENU_SHORTCUTS, type MenuCommand } from '../api.ts';

export interface CommandInfo {
  readonly label: string;
  readonly menu: 'file' | 'edit' | 'view';
  /** The first is shown; the others also work (e.g. Ctrl+Y besides Shift+Ctrl+Z). */
  readonly keys: readonly string[];
}

export type UiCommand = Exclude<MenuCommand, 'app.save-and-close'>;

/** "CmdOrCtrl+Shift+Z" (Electron accelerator) → "Mod+Shift+Z". */
function fromAccelerator(accelerator: string | null): string[] {
  return accelerator ? [accelerator.replace(/CmdOrCtrl|CommandOrControl/, 'Mod')] : [];
}

function command(id: UiCommand, label: string, menu: CommandInfo['menu'], extra: readonly string[] = []): CommandInfo {
  return { label, menu, keys: [...fromAccelerator(MENU_SHORTCUTS[id]), ...extra] };
}

export const COMMANDS: Readonly<Record<UiCommand, CommandInfo>> = {
  'file.new': command('file.new', 'New from template…', 'file'),
  'file.open': command('file.open', 'Open…', 'file'),
  'file.save': command('file.save', 'Save', 'file'),
  'file.save-as': command('file.save-as', 'Save As…', 'file'),
  'file.export-typescript': command('file.export-typescript', 'Export TypeScript…', 'file'),
  'edit.undo': command('edit.undo', 'Undo', 'edit'),
  'edit.redo': command('edit.redo', 'Redo', 'edit', ['Mod+Y']),
  'edit.cut': command('edit.cut', 'Cut', 'edit'),
  'edit.copy': command('edit.copy', 'Copy', 'edit'),
  'edit.paste': command('edit.paste', 'Paste', 'edit'),
  'edit.duplicate': command('edit.duplicate', 'Duplicate', 'edit'),
  'edit.delete': command('edit.delete', 'Delete', 'edit', ['Backspace']),
  'edit.select-all': command('edit.select-all', 'Select All', 'edit'),
  'view.zoom-in': command('view.zoom-in', 'Zoom In', 'view', ['+', '=']),
  'view.zoom-out': command('view.zoom-out', 'Zoom Out', 'view', ['-']),
  'view.fit': command('view.fit', 'Fit View', 'view', ['F']),
  'view.auto-layout': command('view.auto-layout', 'Auto-layout', 'view', ['Shift+L']),
  'view.toggle-palette': command('view.toggle-palette', 'Toggle Palette', 'view'),
  'view.toggle-inspector': command('view.toggle-inspector', 'Toggle Side Panel', 'view'),
  'view.toggle-bottom-panel': command('view.toggle-bottom-panel', 'Toggle Training Dashboard', 'view'),
};

interface Chord {
  readonly mod: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly key: string;
}

function parse(spec: string): Chord {
  const parts = spec.split('+');
  // "Mod+=" and "+" end in the key itself; a trailing empty part means the key is "+".
  const key = spec.endsWith('+') ? '+' : parts[parts.length - 1];
  const mods = new Set(parts.slice(0, spec.endsWith('+') ? -2 : -1));
  return { mod: mods.has('Mod'), shift: mods.has('Shift'), alt: mods.has('Alt'), key };
}

interface KeyLike {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export function matches(spec: string, e: KeyLike, mac: boolean): boolean {
  const c = parse(spec);
  const mod = mac ? e.metaKey : e.ctrlKey;
  const other = mac ? e.ctrlKey : e.metaKey;
  if (c.mod !== mod || other || c.alt !== e.altKey) return false;
  if (/^\d$/.test(c.key)) return c.shift === e.shiftKey && e.code === `Digit${c.key}`;
  if (/^[A-Z]$/.test(c.key)) return c.shift === e.shiftKey && e.key.toUpperCase() === c.key;
  // Symbols such as + need Shift on some layouts, so Shift is not part of their identity.
  if (c.key.length === 1) return e.key === c.key;
  return c.shift === e.shiftKey && e.key === c.key;
}

/** The command bound to this key press, if any. */
export function commandFor(e: KeyLike, mac: boolean): UiCommand | undefined {
  for (const [id, info] of Object.entries(COMMANDS) as [UiCommand, CommandInfo][]) {
    if (info.keys.some((k) => matches(k, e, mac))) return id;
  }
  return undefined;
}

/** "Mod+Shift+S" → "Ctrl+Shift+S", or "⇧⌘S" on a Mac. */
export function keyLabel(spec: string, mac: boolean): string {
  const c = parse(spec);
  const key = c.key === 'Delete' ? 'Del' : c.key;
  if (mac) return `${c.alt ? '⌥' : ''}${c.shift ? '⇧' : ''}${c.mod ? '⌘' : ''}${key}`;
  return [c.mod ? 'Ctrl' : '', c.alt ? 'Alt' : '', c.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** "Undo (Ctrl+Z)" for tooltips. */
export function tooltip(id: UiCommand, mac: boolean): string {
  const info = COMMANDS[id];
  return `${info.label.replace('…', '')} (${keyLabel(info.keys[0], mac)})`;
}

/**
 * While typing in a field, the field keeps its own editing keys (undo, copy,
 * select all, Delete…); only document-level commands such as Save still fire.
 */
export function allowedWhileTyping(id: UiCommand): boolean {
  return id.startsWith('file.');
}

/** Training keys, chosen after the debugger keys people know (F5 run, F6 pause, Shift+F5 stop). Not host menu commands, so bound here only. */
export type TrainingCommand = 'train.start' | 'train.pause' | 'train.stop';

export const TRAINING_KEYS: Readonly<Record<TrainingCommand, { readonly label: string; readonly keys: readonly string[] }>> = {
  'train.start': { label: 'Start training', keys: ['Mod+Enter', 'F5'] },
  'train.pause': { label: 'Pause or resume', keys: ['F6'] },
  'train.stop': { label: 'Stop training', keys: ['Shift+F5'] },
};

export function trainingCommandFor(e: KeyLike, mac: boolean): TrainingCommand | undefined {
  for (const [id, info] of Object.entries(TRAINING_KEYS) as [TrainingCommand, (typeof TRAINING_KEYS)[TrainingCommand]][]) {
    if (info.keys.some((k) => matches(k, e, mac))) return id;
  }
  return undefined;
}

/** "Start training (Ctrl+Enter or F5)". */
export function trainingTooltip(id: TrainingCommand, mac: boolean, label = TRAINING_KEYS[id].label): string {
  return `${label} (${TRAINING_KEYS[id].keys.map((k) => keyLabel(k, mac)).join(' or ')})`;
}
