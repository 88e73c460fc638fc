/**
 * Keys to commands. The shared command table (src/shared/protocol/commands.ts)
 * says which keys each command takes; the desktop menu binds and shows the
 * same table, so what a tooltip or a menu promises is what the key does.
 * Here those key specs meet real key events. `Mod` is Cmd on macOS and Ctrl
 * elsewhere.
 */
import { COMMANDS, isTrainingCommand, type CommandId, type MenuCommand, type TrainingCommand } from '../api.ts';

/** Commands a person gives in the page; app.save-and-close comes only from the host when a window closes. */
export type UiCommand = Exclude<MenuCommand, 'app.save-and-close'>;

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

/** The command bound to this key press, if any: a menu command or a training one. */
export function commandFor(e: KeyLike, mac: boolean): Exclude<CommandId, 'app.save-and-close'> | undefined {
  for (const [id, spec] of Object.entries(COMMANDS) as [CommandId, (typeof COMMANDS)[CommandId]][]) {
    if (id !== 'app.save-and-close' && spec.keys.some((k) => matches(k, e, mac))) return id;
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
 * select all, Delete…); only document-level commands such as Save, and the
 * training keys, still fire.
 */
export function allowedWhileTyping(id: CommandId): boolean {
  return id.startsWith('file.') || isTrainingCommand(id);
}

/** "Start training (Ctrl+Enter or F5)": every key, since training has no menu to show them. */
export function trainingTooltip(id: TrainingCommand, mac: boolean, label = COMMANDS[id].label): string {
  return `${label} (${COMMANDS[id].keys.map((k) => keyLabel(k, mac)).join(' or ')})`;
}
