/**
 * Window-level keys and clipboard events. Copy, cut and paste go through the
 * DOM clipboard events rather than keydown: those events may read and write
 * the system clipboard without a permission prompt, so project JSON travels
 * between windows (and to a text editor) the normal way.
 */
import { isTrainingCommand, TEXT_EDITING_COMMANDS, type MenuCommand } from '../api.ts';
import type { AppController } from './controller.svelte.ts';
import { allowedWhileTyping, commandFor } from './shortcuts.ts';

const CLIPBOARD_COMMANDS = new Set(['edit.copy', 'edit.cut', 'edit.paste']);

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

function dialogOpen(app: AppController): boolean {
  return app.ui.dialog.type !== 'none';
}

export function onKeyDown(app: AppController, e: KeyboardEvent): void {
  if (dialogOpen(app)) return;
  const command = commandFor(e, app.mac);
  if (!command) {
    nudge(app, e);
    return;
  }
  if (typingIn(e.target) && !allowedWhileTyping(command)) return;
  // Left to the browser: it fires the copy/cut/paste events handled below.
  if (CLIPBOARD_COMMANDS.has(command)) return;
  e.preventDefault();
  void (isTrainingCommand(command) ? app.runTraining(command) : app.run(command));
}

/** Arrow keys move the selected layers (Shift: further), one undo step per press. */
function nudge(app: AppController, e: KeyboardEvent): void {
  const step = e.shiftKey ? 50 : 10;
  const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
  const ids = app.store.selection.nodes;
  // The units view draws no layers to move; Explain a step takes the arrows there.
  if (app.ui.canvasView === 'units') return;
  if (!delta || !ids.length || typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
  e.preventDefault();
  const byId = new Map(app.store.doc.nodes.map((n) => [n.id, n]));
  const moved = new Map(ids.flatMap((id) => {
    const n = byId.get(id);
    return n ? [[id, { x: n.position.x + delta[0], y: n.position.y + delta[1] }] as const] : [];
  }));
  app.store.moveNodes(moved);
}

export function onCopy(app: AppController, e: ClipboardEvent, cut: boolean): void {
  if (dialogOpen(app) || typingIn(e.target) || !e.clipboardData) return;
  const text = cut ? app.store.cut() : app.store.copy();
  if (!text) return;
  e.preventDefault();
  e.clipboardData.setData('text/plain', text);
  app.rememberCopied(text);
}

export function onPaste(app: AppController, e: ClipboardEvent): void {
  if (dialogOpen(app) || typingIn(e.target)) return;
  e.preventDefault();
  void app.paste(e.clipboardData?.getData('text/plain') ?? '');
}

const FIELD_COMMANDS: Partial<Record<MenuCommand, string>> = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'edit.cut': 'cut',
  'edit.copy': 'copy',
  'edit.paste': 'paste',
  'edit.delete': 'delete',
  'edit.select-all': 'selectAll',
};

/**
 * On macOS the desktop menu takes Cmd+Z, Cmd+C … even while a text field has
 * focus and sends the command here; it then belongs to the field, not the graph.
 * Returns true when the command was applied to a focused field.
 */
export function applyToTextField(command: MenuCommand): boolean {
  if (!TEXT_EDITING_COMMANDS.includes(command) || !typingIn(document.activeElement)) return false;
  const name = FIELD_COMMANDS[command];
  // execCommand is deprecated but remains the only way to drive a field's own undo stack and clipboard.
  if (name) document.execCommand(name);
  return true;
}
