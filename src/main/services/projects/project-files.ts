/**
 * Reading and writing project files. Every failure comes back as a message that
 * names the file and, for a bad document, the field: the UI shows it as is and
 * keeps the current work untouched.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeProject, formatIssues, parseDocument, serializeDocument, validateDocument, type GraphDoc, type Issue } from '../../../shared/document/index.ts';
import type { OpenResult, WriteResult } from '../../../shared/protocol/api.ts';
import { MAX_PROJECT_TEXT } from '../../../shared/protocol/api-args.ts';
import { describeFsError, writeFileAtomic } from './atomic-write.ts';

/**
 * A project file read from disk, or why it could not be: the parts, so that
 * the host and the CLI word the same outcome their own way.
 */
export type ProjectLoad =
  | { readonly ok: true; readonly doc: GraphDoc; readonly migrated: readonly string[] }
  | { readonly ok: false; readonly problem: 'unreadable'; readonly error: unknown }
  | { readonly ok: false; readonly problem: 'not-a-file'; readonly folder: boolean }
  | { readonly ok: false; readonly problem: 'too-large'; readonly size: number }
  | { readonly ok: false; readonly problem: 'invalid'; readonly issues: readonly Issue[] };

/**
 * The one reader of project files, for the app, `serve` and the CLI: at most
 * MAX_PROJECT_TEXT bytes of UTF-8 (a byte-order mark is fine, a bad byte is
 * refused), then parsed and checked.
 */
export async function loadProjectFile(path: string): Promise<ProjectLoad> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    // A folder, a FIFO or a device would fail to read or never stop.
    if (!info.isFile()) return { ok: false, problem: 'not-a-file', folder: info.isDirectory() };
    if (info.size > MAX_PROJECT_TEXT) return { ok: false, problem: 'too-large', size: info.size };
    bytes = await readFile(path);
  } catch (error) {
    return { ok: false, problem: 'unreadable', error };
  }
  // The size can change between stat and read.
  if (bytes.length > MAX_PROJECT_TEXT) return { ok: false, problem: 'too-large', size: bytes.length };
  const text = decodeProject(bytes);
  if (!text.ok) return { ok: false, problem: 'invalid', issues: text.issues };
  const parsed = parseDocument(text.text);
  return parsed.ok ? parsed : { ok: false, problem: 'invalid', issues: parsed.issues };
}

export async function readProjectFile(path: string): Promise<OpenResult> {
  const name = basename(path);
  const loaded = await loadProjectFile(path);
  if (loaded.ok) return { ok: true, path, doc: loaded.doc, migrated: loaded.migrated };
  switch (loaded.problem) {
    case 'unreadable':
      return { ok: false, message: `Cannot open ${name}: ${describeFsError(loaded.error)}.` };
    case 'not-a-file':
      return { ok: false, message: loaded.folder ? `${name} is a folder, not a project file.` : `${name} is not a regular file, not a project file.` };
    case 'too-large':
      return { ok: false, message: `${name} is ${megabytes(loaded.size)}, too large for a project file (at most ${megabytes(MAX_PROJECT_TEXT)}).` };
    case 'invalid':
      return invalidProject(name, loaded.issues);
    default: {
      const never: never = loaded;
      throw new Error(`unknown load result ${JSON.stringify(never)}`);
    }
  }
}

/** `source` is a path or a dropped file's name; messages use its last part. */
export function parseProjectText(source: string, text: string): OpenResult {
  const parsed = parseDocument(text);
  if (parsed.ok) return { ok: true, path: source, doc: parsed.doc, migrated: parsed.migrated };
  return invalidProject(basename(source), parsed.issues);
}

function invalidProject(name: string, issues: readonly Issue[]): OpenResult {
  const lines = formatIssues(issues, 8).split('\n');
  return {
    ok: false,
    message: lines.length === 1 ? `${name} is not a valid Netwright project: ${lines[0]}` : `${name} is not a valid Netwright project:\n${lines.join('\n')}`,
  };
}

/**
 * Stamps `meta.modified`, checks the document as a file being opened would be
 * checked (a save must never write a file that cannot be opened again), and
 * writes atomically; on failure any previous file is left as it was.
 */
export async function writeProjectFile(path: string, doc: GraphDoc, now = new Date()): Promise<WriteResult> {
  const name = basename(path);
  const checked = validateDocument(stamp(doc, now));
  if (!checked.ok) {
    const lines = formatIssues(checked.issues, 8).split('\n');
    return { ok: false, message: `Cannot save ${name}: the project is not valid: ${lines.join('; ')}` };
  }
  try {
    await writeFileAtomic(path, serializeDocument(checked.doc));
    return { ok: true, path };
  } catch (err) {
    return { ok: false, message: `Cannot save ${name}: ${describeFsError(err)}.` };
  }
}

/** A copy with the save time; whatever a caller passed, nothing here throws. */
function stamp(doc: GraphDoc, now: Date): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const meta: unknown = doc.meta;
  return typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? { ...doc, meta: { ...meta, modified: now.toISOString() } } : doc;
}

export async function writeTextFile(path: string, text: string): Promise<WriteResult> {
  try {
    await writeFileAtomic(path, text);
    return { ok: true, path };
  } catch (err) {
    return { ok: false, message: `Cannot write ${basename(path)}: ${describeFsError(err)}.` };
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
