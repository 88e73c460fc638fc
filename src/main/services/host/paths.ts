/**
 * Which files a host lets the renderer touch. The renderer is treated as
 * untrusted: browser mode confines every path to the folder it serves (--root),
 * and the desktop app only accepts paths the user picked in a native dialog or
 * that are already in the recent list, so a compromised page cannot read or
 * overwrite arbitrary files.
 */
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export interface PathPolicy {
  /** The folder the in-app dialog starts in and cannot leave, or null when the host has native dialogs only. */
  readonly root: string | null;
  /** Returns the absolute path to use, or throws PathRefused. */
  check(path: string, use: 'read' | 'write' | 'list'): Promise<string>;
  /** Records a path the user chose (dialog, recent list, recovery). */
  grant(path: string): void;
}

export class PathRefused extends Error {}

/** Browser mode: anything under `root`, with links resolved so that a symlink cannot lead outside. */
export class RootPolicy implements PathPolicy {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async check(path: string, _use: 'read' | 'write' | 'list'): Promise<string> {
    const absolute = resolve(this.root, path);
    const realRoot = await realpath(this.root);
    const real = await realpathOfExisting(absolute);
    if (!isInside(realRoot, real)) throw new PathRefused(`${path} is outside the folder this server shares (${this.root}).`);
    return absolute;
  }

  grant(): void {
    // Everything under the root is allowed already.
  }
}

/** The desktop app: only paths the user handed over through the main process. */
export class GrantPolicy implements PathPolicy {
  readonly root = null;
  private readonly granted = new Set<string>();

  async check(path: string, use: 'read' | 'write' | 'list'): Promise<string> {
    if (!isAbsolute(path)) throw new PathRefused(`expected an absolute path, got ${JSON.stringify(path)}`);
    const absolute = resolve(path);
    if (use === 'list') throw new PathRefused('The desktop app uses the system file dialogs; folder listings are for browser mode.');
    if (!this.granted.has(absolute)) throw new PathRefused(`${absolute} was not chosen in a file dialog; use File › Open or File › Save As.`);
    return absolute;
  }

  grant(path: string): void {
    this.granted.add(resolve(path));
  }
}

export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

/** realpath of the path, or of its nearest existing ancestor joined with the rest (a file about to be created). */
async function realpathOfExisting(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const parent = dirname(path);
    if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === path) throw err;
    return resolve(await realpathOfExisting(parent), relative(parent, path));
  }
}
