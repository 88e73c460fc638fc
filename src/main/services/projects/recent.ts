/** The Open Recent list: newest first, one entry per path, persisted as JSON in the config folder. */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecentProject } from '../../../shared/protocol/api.ts';
import * as v from '../../../shared/document/validate.ts';
import { writeFileAtomic } from './atomic-write.ts';

export const RECENT_LIMIT = 10;

const recentFile = v.object({
  recent: v.array(v.object({ path: v.string({ minLength: 1 }), name: v.string(), openedAt: v.string() }), { maxItems: 1000 }),
});

export class RecentList {
  private readonly file: string;

  constructor(
    private readonly configDir: string,
    private readonly limit = RECENT_LIMIT,
  ) {
    this.file = join(configDir, 'recent.json');
  }

  /** A missing or damaged file reads as an empty list: losing the list must never stop the app from starting. */
  async list(): Promise<readonly RecentProject[]> {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      return [];
    }
    const checked = recentFile.check(json, '', []);
    return checked ? checked.recent.slice(0, this.limit) : [];
  }

  async add(path: string, name: string, now = new Date()): Promise<readonly RecentProject[]> {
    const rest = (await this.list()).filter((r) => r.path !== path);
    const recent = [{ path, name, openedAt: now.toISOString() }, ...rest].slice(0, this.limit);
    await this.store(recent);
    return recent;
  }

  async remove(path: string): Promise<readonly RecentProject[]> {
    const recent = (await this.list()).filter((r) => r.path !== path);
    await this.store(recent);
    return recent;
  }

  private async store(recent: readonly RecentProject[]): Promise<void> {
    await mkdir(this.configDir, { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify({ recent }, null, 2) + '\n');
  }
}
