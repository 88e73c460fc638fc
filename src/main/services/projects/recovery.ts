/**
 * The recovery file: the latest unsaved work, rewritten every few seconds while
 * the editor is dirty and deleted on save or clean close. If it is still there
 * at start-up, the previous session ended without saving and the UI offers it.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { validateDocument, type GraphDoc } from '../../../shared/document/index.ts';
import type { Recovery } from '../../../shared/protocol/api.ts';
import { writeFileAtomic } from './atomic-write.ts';

const FORMAT = 'netwright-recovery';

export class RecoveryStore {
  readonly file: string;

  constructor(private readonly configDir: string) {
    this.file = join(configDir, 'recovery.json');
  }

  async write(doc: GraphDoc, path: string | null, now = new Date()): Promise<void> {
    await mkdir(this.configDir, { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify({ format: FORMAT, savedAt: now.toISOString(), path, doc }));
  }

  /** Null when there is nothing to recover, or when the file is unreadable (an autosave torn by a crash cannot happen with atomic writes, but a hand-edited one can). */
  async read(): Promise<Recovery | null> {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(await readFile(this.file, 'utf8')) as Record<string, unknown>;
    } catch {
      return null;
    }
    if (json?.format !== FORMAT || typeof json.savedAt !== 'string') return null;
    const path = typeof json.path === 'string' ? json.path : null;
    const parsed = validateDocument(json.doc);
    return parsed.ok ? { doc: parsed.doc, path, savedAt: json.savedAt } : null;
  }

  async discard(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
