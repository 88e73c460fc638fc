/**
 * Reading and writing project files. Every failure comes back as a message that
 * names the file and, for a bad document, the field: the UI shows it as is and
 * keeps the current work untouched.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatIssues, parseDocument, serializeDocument, type GraphDoc } from '../../../shared/document/index.ts';
import type { OpenResult, WriteResult } from '../../../shared/protocol/api.ts';
import { MAX_PROJECT_TEXT } from '../../../shared/protocol/api-args.ts';
import { describeFsError, writeFileAtomic } from './atomic-write.ts';

export async function readProjectFile(path: string): Promise<OpenResult> {
  const name = basename(path);
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, message: `${name} is a folder, not a project file.` };
    if (info.size > MAX_PROJECT_TEXT) {
      return { ok: false, message: `${name} is ${megabytes(info.size)}, too large for a project file (at most ${megabytes(MAX_PROJECT_TEXT)}).` };
    }
    return parseProjectText(path, await readFile(path, 'utf8'));
  } catch (err) {
    return { ok: false, message: `Cannot open ${name}: ${describeFsError(err)}.` };
  }
}

/** `source` is a path or a dropped file's name; messages use its last part. */
export function parseProjectText(source: string, text: string): OpenResult {
  const parsed = parseDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (parsed.ok) return { ok: true, path: source, doc: parsed.doc, migrated: parsed.migrated };
  const name = basename(source);
  const lines = formatIssues(parsed.issues, 8).split('\n');
  return {
    ok: false,
    message: lines.length === 1 ? `${name} is not a valid Netwright project: ${lines[0]}` : `${name} is not a valid Netwright project:\n${lines.join('\n')}`,
  };
}

/** Stamps `meta.modified` and writes atomically; on failure any previous file is left as it was. */
export async function writeProjectFile(path: string, doc: GraphDoc, now = new Date()): Promise<WriteResult> {
  const stamped: GraphDoc = { ...doc, meta: { ...doc.meta, modified: now.toISOString() } };
  try {
    await writeFileAtomic(path, serializeDocument(stamped));
    return { ok: true, path };
  } catch (err) {
    return { ok: false, message: `Cannot save ${basename(path)}: ${describeFsError(err)}.` };
  }
}

export async function writeTextFile(path: string, text: string): Promise<WriteResult> {
  try {
    await writeFileAtomic(path, text);
    return { ok: true, path };
  } catch (err) {
    return { ok: false, message: `Cannot write ${basename(path)}: ${describeFsError(err)}.` };
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
