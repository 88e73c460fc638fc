/** Projects as the hosts use them: open and save keep the recent list current; recovery and recent share one config folder. */
import type { GraphDoc } from '../../../shared/document/index.ts';
import type { OpenResult, RecentProject, WriteResult } from '../../../shared/protocol/api.ts';
import { parseProjectText, readProjectFile, writeProjectFile } from './project-files.ts';
import { RecentList } from './recent.ts';
import { RecoveryStore } from './recovery.ts';

export class ProjectService {
  readonly recent: RecentList;
  readonly recovery: RecoveryStore;

  constructor(readonly configDir: string) {
    this.recent = new RecentList(configDir);
    this.recovery = new RecoveryStore(configDir);
  }

  async open(path: string): Promise<OpenResult> {
    const result = await readProjectFile(path);
    if (result.ok) await this.remember(path, result.doc.meta.name);
    return result;
  }

  parseText(name: string, text: string): OpenResult {
    return parseProjectText(name, text);
  }

  async save(path: string, doc: GraphDoc): Promise<WriteResult> {
    const result = await writeProjectFile(path, doc);
    if (result.ok) await this.remember(path, doc.meta.name);
    return result;
  }

  listRecent(): Promise<readonly RecentProject[]> {
    return this.recent.list();
  }

  /** The recent list is a convenience: failing to update it must not turn a good open or save into an error. */
  private async remember(path: string, name: string): Promise<void> {
    try {
      await this.recent.add(path, name);
    } catch {
      // e.g. a read-only config folder; the file itself was handled fine.
    }
  }
}
