/**
 * Replaces a file so that readers, and the file left behind by a crash, only
 * ever see the old content or the complete new one: write a temp file beside
 * the target, fsync it, rename it over the target, then fsync the folder so the
 * rename itself survives a power cut.
 *
 * Writes to one path apply in the order they were asked for, and temp files
 * that a killed process left behind are swept from a folder when it is next
 * written to.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SerialQueue } from './serial.ts';

/** Temp files start with this, so a folder listing can hide leftovers of a killed process. */
export const TEMP_PREFIX = '.nw-';

/** Exactly the names tempPathFor makes, so a sweep never touches anyone else's file. */
const TEMP_NAME = /^\.nw-.+\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * A temp file older than this belongs to a save that will never finish: a
 * save of the largest project takes well under a second.
 */
export const STALE_TEMP_MS = 10 * 60 * 1000;

export function tempPathFor(target: string): string {
  return join(dirname(target), `${TEMP_PREFIX}${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Each write to a path waits for the one before it, so five saves sent at
 * once leave the fifth on disk, never an earlier one that happened to finish
 * its fsync last.
 */
const writes = new SerialQueue();

/** When each folder was last swept, so a folder saved every few seconds is listed once per STALE_TEMP_MS at most. */
const swept = new Map<string, number>();

export function writeFileAtomic(target: string, text: string): Promise<void> {
  return writes.run(resolve(target), () => replace(target, text));
}

async function replace(target: string, text: string): Promise<void> {
  if (await isStream(target)) {
    // A terminal, pipe or device (`--ts /dev/stdout`): there is no file to replace, and renaming over its
    // name would swap the device node or link for a plain file, for every other program too.
    await writeFile(target, text, 'utf8');
    return;
  }
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
  await sweepStaleTemps(dirname(target));
}

/**
 * Removes our own temp files older than `maxAge` from `dir` (not its
 * sub-folders). Runs at most once per STALE_TEMP_MS per folder unless forced;
 * never fails, since a leftover temp file is only clutter.
 */
export async function sweepStaleTemps(dir: string, opts: { now?: number; force?: boolean } = {}): Promise<void> {
  const now = opts.now ?? Date.now();
  const key = resolve(dir);
  const last = swept.get(key);
  if (!opts.force && last !== undefined && now - last < STALE_TEMP_MS) return;
  swept.set(key, now);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const path = join(dir, name);
    try {
      const info = await lstat(path);
      if (info.isFile() && now - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

/** Whether `target` exists as something other than a file or a folder, links followed. */
async function isStream(target: string): Promise<boolean> {
  try {
    const info = await stat(target);
    return !info.isFile() && !info.isDirectory();
  } catch {
    return false;
  }
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
