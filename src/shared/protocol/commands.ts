/**
 * Every command a person gives by menu or key, declared once: its label, its
 * keys and the menu that lists it. The desktop menu (src/main/app/menu.ts),
 * the in-page menus of browser mode (TopBar.svelte) and the key handler
 * (renderer app/shortcuts.ts) all read this table, so a label or a key cannot
 * say one thing in one place and another elsewhere.
 */

/** The menus both hosts show, left to right. */
export const MENUS = [
  { id: 'file', label: 'File' },
  { id: 'edit', label: 'Edit' },
  { id: 'view', label: 'View' },
] as const;
export type MenuId = (typeof MENUS)[number]['id'];

export interface CommandSpec {
  /** Title Case as desktop menus write it, with "…" when a dialog follows before anything happens. */
  readonly label: string;
  /**
   * Key chords: `Mod` is Cmd on macOS and Ctrl elsewhere, e.g. "Mod+Shift+Z",
   * "Shift+F5", "+". The first is the one menus and tooltips show and the
   * desktop menu binds; the others work in the page only (single keys such as
   * F for the canvas, Ctrl+Y besides Ctrl+Shift+Z).
   */
  readonly keys: readonly string[];
  /** The menu that lists it and its group there (a line is drawn between groups); none: keys and buttons only. */
  readonly menu?: { readonly in: MenuId; readonly group: number };
  /**
   * A text field uses the same key for itself (undo, copy, Delete…). Off
   * macOS the desktop menu leaves these keys to the page, which applies them
   * to a focused field rather than the graph; on macOS the menu takes them and
   * sends the command, and the page makes the same choice.
   */
  readonly textEditing?: true;
}

const inMenu = (menu: MenuId, group: number) => ({ in: menu, group });

// Browser mode cannot take every key (Chrome keeps Ctrl+N for itself); menu items and buttons cover those.
const TABLE = {
  'file.new': { label: 'New from Template…', keys: ['Mod+N'], menu: inMenu('file', 0) },
  'file.open': { label: 'Open…', keys: ['Mod+O'], menu: inMenu('file', 0) },
  'file.save': { label: 'Save', keys: ['Mod+S'], menu: inMenu('file', 1) },
  'file.save-as': { label: 'Save As…', keys: ['Mod+Shift+S'], menu: inMenu('file', 1) },
  'file.export-typescript': { label: 'Export TypeScript…', keys: ['Mod+E'], menu: inMenu('file', 2) },
  'edit.undo': { label: 'Undo', keys: ['Mod+Z'], menu: inMenu('edit', 0), textEditing: true },
  'edit.redo': { label: 'Redo', keys: ['Mod+Shift+Z', 'Mod+Y'], menu: inMenu('edit', 0), textEditing: true },
  'edit.cut': { label: 'Cut', keys: ['Mod+X'], menu: inMenu('edit', 1), textEditing: true },
  'edit.copy': { label: 'Copy', keys: ['Mod+C'], menu: inMenu('edit', 1), textEditing: true },
  'edit.paste': { label: 'Paste', keys: ['Mod+V'], menu: inMenu('edit', 1), textEditing: true },
  'edit.duplicate': { label: 'Duplicate', keys: ['Mod+D'], menu: inMenu('edit', 1) },
  'edit.delete': { label: 'Delete', keys: ['Delete', 'Backspace'], menu: inMenu('edit', 1), textEditing: true },
  'edit.select-all': { label: 'Select All', keys: ['Mod+A'], menu: inMenu('edit', 2), textEditing: true },
  'view.zoom-in': { label: 'Zoom In', keys: ['Mod+=', '+', '='], menu: inMenu('view', 0) },
  'view.zoom-out': { label: 'Zoom Out', keys: ['Mod+-', '-'], menu: inMenu('view', 0) },
  'view.fit': { label: 'Fit to Window', keys: ['Mod+0', 'F'], menu: inMenu('view', 0) },
  'view.auto-layout': { label: 'Auto Layout', keys: ['Mod+Shift+L', 'Shift+L'], menu: inMenu('view', 0) },
  'view.units': { label: 'Toggle Units View', keys: ['Mod+Shift+U', 'U'], menu: inMenu('view', 2) },
  'view.toggle-palette': { label: 'Toggle Palette', keys: ['Mod+B'], menu: inMenu('view', 1) },
  'view.toggle-inspector': { label: 'Toggle Side Panel', keys: ['Mod+I'], menu: inMenu('view', 1) },
  'view.toggle-bottom-panel': { label: 'Toggle Dashboard', keys: ['Mod+J'], menu: inMenu('view', 1) },
  /** The window is closing with unsaved work and the user chose Save: save (asking for a path if needed), then call closeWindow(). */
  'app.save-and-close': { label: 'Save and Close', keys: [] },
  // Training keys follow the debugger keys people know (F5 run, F6 pause, Shift+F5 stop).
  // Their labels are tooltips beside sentence-case buttons, not menu items.
  'train.start': { label: 'Start training', keys: ['Mod+Enter', 'F5'] },
  'train.pause': { label: 'Pause or resume', keys: ['F6'] },
  'train.stop': { label: 'Stop training', keys: ['Shift+F5'] },
} satisfies Record<string, CommandSpec>;

export type CommandId = keyof typeof TABLE;
export const COMMANDS: { readonly [C in CommandId]: CommandSpec } = TABLE;

/** Training is started from the page (buttons and keys); the desktop menu has no Train menu, so the host never sends these. */
export type TrainingCommand = Extract<CommandId, `train.${string}`>;
/** Commands the host may send to the renderer: the desktop menu's items, and app.save-and-close when a window closes. */
export type MenuCommand = Exclude<CommandId, TrainingCommand>;

const ids = Object.keys(COMMANDS) as CommandId[];
export const MENU_COMMANDS: readonly MenuCommand[] = ids.filter((id): id is MenuCommand => !id.startsWith('train.'));
export const TEXT_EDITING_COMMANDS: readonly MenuCommand[] = MENU_COMMANDS.filter((id) => COMMANDS[id].textEditing);

export function isTrainingCommand(id: CommandId): id is TrainingCommand {
  return id.startsWith('train.');
}

/** A menu's items in table order, split into the groups that lines separate. */
export function menuGroups(menu: MenuId): MenuCommand[][] {
  const groups = new Map<number, MenuCommand[]>();
  for (const id of MENU_COMMANDS) {
    const at = COMMANDS[id].menu;
    if (at?.in !== menu) continue;
    groups.set(at.group, [...(groups.get(at.group) ?? []), id]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, items]) => items);
}

/** The desktop menu's binding in Electron accelerator syntax ("Mod+Shift+Z" → "CmdOrCtrl+Shift+Z"), or null for none. */
export function accelerator(id: CommandId): string | null {
  const key = COMMANDS[id].keys[0];
  return key === undefined ? null : key.replace(/^Mod\+/, 'CmdOrCtrl+');
}
