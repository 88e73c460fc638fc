/**
 * Replaces a file so that readers, and the file left behind by a crash, only
 * ever see the old content or the complete new one: write a temp file beside
 * the target, fsync it, rename it over the target, then fsync the folder so the
 * rename itself survives a power cut.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files start with this, so a folder listing can hide leftovers of a killed process. */
export const TEMP_PREFIX = '.nw-';

export function tempPathFor(target: string): string {
  return join(dirname(target), `${TEMP_PREFIX}${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(target: string, text: string): Promise<void> {
  const temp = tempPathFor(target);
  try {
    // 'wx' refuses to follow a planted symlink or reuse someone else's temp file.
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncFolder(dirname(target));
}

/** Best effort: some platforms (Windows) and file systems cannot open or fsync a folder. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The data is already durable in the renamed file; only the rename's durability is at stake.
  }
}

/** One line for the UI from a Node file-system error, e.g. "the folder does not exist". */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'part of the path is not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EEXIST':
      return 'a file of that name is in the way';
    default:
      return code ? `${code}: ${(err as Error).message}` : String((err as Error).message ?? err);
  }
}
