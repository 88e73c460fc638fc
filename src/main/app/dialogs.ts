/** Native open/save dialogs, attached to the window so they are modal to it. */
import { dialog, type BrowserWindow } from 'electron';
import type { DialogOutcome, SaveKind } from '../../shared/protocol/api.ts';
import type { DialogPort } from '../services/host/index.ts';

const FILTERS: Record<SaveKind, Electron.FileFilter[]> = {
  project: [{ name: 'Netwright project', extensions: ['json'] }],
  typescript: [{ name: 'TypeScript', extensions: ['ts'] }],
  // A folder name: the export creates it, so there is nothing to filter on.
  'trained-model': [],
};
const SAVE_TITLES: Record<SaveKind, string> = { project: 'Save Project', typescript: 'Export TypeScript', 'trained-model': 'Export Trained Model' };

export function nativeDialogs(window: () => BrowserWindow | null): DialogPort {
  return {
    async open(): Promise<DialogOutcome> {
      const win = window();
      const options: Electron.OpenDialogOptions = { title: 'Open Project', properties: ['openFile'], filters: [...FILTERS.project, { name: 'All files', extensions: ['*'] }] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled || !result.filePaths[0] ? { type: 'cancelled' } : { type: 'chosen', path: result.filePaths[0] };
    },
    async save(suggestedName: string, kind: SaveKind): Promise<DialogOutcome> {
      const win = window();
      const options: Electron.SaveDialogOptions = {
        title: SAVE_TITLES[kind],
        defaultPath: suggestedName,
        filters: [...FILTERS[kind]],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? { type: 'cancelled' } : { type: 'chosen', path: result.filePath };
    },
  };
}
