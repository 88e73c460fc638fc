/**
 * The editor window's document state as the host sees it: the title with its
 * unsaved mark, and the question on close. The renderer owns the document and
 * reports dirtiness through setDirty; this class only guards the exit.
 */
import { dialog, type BrowserWindow, type Event } from 'electron';
import type { HostEvent } from '../../shared/protocol/api.ts';
import { windowTitle } from './menu.ts';

export class DocumentWindow {
  private dirty = false;
  private title = 'Untitled';
  /** Set once the user has answered (or the renderer saved): the next close goes through. */
  private closing = false;
  private asking = false;

  constructor(
    private readonly win: BrowserWindow,
    private readonly hooks: { send(event: HostEvent): void; discardRecovery(): Promise<void> },
  ) {
    win.on('close', (event) => this.onClose(event));
    win.setTitle(windowTitle(this.title, false));
  }

  setDirty(dirty: boolean, title: string): void {
    this.dirty = dirty;
    this.title = title;
    this.win.setTitle(windowTitle(title, dirty));
    // macOS shows the unsaved dot in the close button too.
    if (process.platform === 'darwin') this.win.setDocumentEdited(dirty);
  }

  /** After app.save-and-close: the renderer saved and asks to close without another question. */
  close(): void {
    this.closing = true;
    this.win.close();
  }

  private onClose(event: Event): void {
    if (!this.dirty || this.closing) return;
    // Always stop this close; the answer below closes again if the user wants to.
    event.preventDefault();
    if (this.asking) return;
    this.asking = true;
    void dialog
      .showMessageBox(this.win, {
        type: 'warning',
        buttons: ['Save', "Don't Save", 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
        message: `Save the changes to ${this.title} before closing?`,
        detail: "Your changes will be lost if you don't save them.",
      })
      .then(async ({ response }) => {
        switch (response) {
          case 0:
            this.hooks.send({ type: 'menu', command: 'app.save-and-close' });
            return;
          case 1:
            await this.hooks.discardRecovery().catch(() => {});
            this.close();
            return;
          default:
            return;
        }
      })
      .finally(() => {
        this.asking = false;
      });
  }
}
