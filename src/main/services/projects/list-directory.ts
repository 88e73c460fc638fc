/** Folder listings for the in-app file dialog (browser mode has no native one). */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DirectoryEntry, DirectoryListing } from '../../../shared/protocol/api.ts';
import { describeFsError } from './atomic-write.ts';

/** A folder with more entries than this is shown cut short; nobody picks a project from ten thousand files. */
export const MAX_ENTRIES = 2000;

/**
 * Lists `dir` (absolute, already checked by the caller's path policy). `top` is
 * the highest folder the dialog may climb to; `parent` is null there. Dot files
 * (including temp files of interrupted saves) are left out.
 */
export async function listDirectory(dir: string, top: string | null): Promise<DirectoryListing> {
  let names: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) return { ok: false, message: `${basename(dir)} is a file, not a folder.` };
    names = (await readdir(dir)).filter((n) => !n.startsWith('.'));
  } catch (err) {
    return { ok: false, message: `Cannot list ${dir}: ${describeFsError(err)}.` };
  }
  const entries: DirectoryEntry[] = [];
  for (const name of names.slice(0, MAX_ENTRIES)) {
    const path = join(dir, name);
    try {
      const info = await stat(path);
      if (!info.isFile() && !info.isDirectory()) continue;
      entries.push({
        name,
        path,
        type: info.isDirectory() ? 'directory' : 'file',
        size: info.isDirectory() ? 0 : info.size,
        modified: info.mtime.toISOString(),
      });
    } catch {
      // A dangling link or a file deleted while listing: not worth failing the whole listing for.
    }
  }
  entries.sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'directory' ? -1 : 1));
  const up = dirname(dir);
  return { ok: true, dir, parent: dir === top || up === dir ? null : up, entries };
}
