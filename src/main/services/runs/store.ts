/**
 * Every run on disk, under the host's config dir:
 *
 *   runs/<id>/run.json   the RunRecord (atomic writes; the host rewrites it while the run goes)
 *   runs/<id>/model/     the trainer's saveDir: model.json + weights.bin once the run ends
 *
 * A record still going whose host is gone (a crash, a kill, a power cut) is
 * turned into a `crashed` run with a message the first time it is read, so
 * the list never shows a run as going that is not. Records written before
 * format 2 are converted as they are read (shared/run/migrate.ts).
 */
import { access, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord, RunSummary } from '../../../shared/protocol/training-api.ts';
import { applyEvent, fromRecordV1, isEnded, isRecordV1, summaryOf } from '../../../shared/run/index.ts';
import { writeFileAtomic } from '../projects/atomic-write.ts';
import { isRunId } from '../training/index.ts';

export const RECORD_FILE = 'run.json';
export const MODEL_DIR = 'model';

/** What run.json holds: the record plus the pid of the host that wrote it, to tell a dead host's run from another live host's. */
type StoredRecord = RunRecord & { readonly hostPid?: number };


export const ORPHAN_MESSAGE = 'Netwright closed while this run was training, so it did not finish; its curves are kept up to the last save.';

function withoutPid(record: StoredRecord): RunRecord {
  const { hostPid: _pid, ...rest } = record;
  return rest;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class RunStore {
  /** Summaries by id with the run.json mtime they were read at, so listing re-reads only what changed. */
  private readonly index = new Map<string, { readonly mtimeMs: number; readonly summary: RunSummary }>();

  /**
   * @param dir the runs folder, e.g. <configDir>/runs
   * @param isLive whether this process is running the run right now (its record is not an orphan)
   */
  constructor(
    readonly dir: string,
    private readonly isLive: (id: string) => boolean = () => false,
  ) {}

  runDir(id: string): string {
    if (!isRunId(id)) throw new Error(`not a run id: ${JSON.stringify(id)}`);
    return join(this.dir, id);
  }

  modelDir(id: string): string {
    return join(this.runDir(id), MODEL_DIR);
  }

  async write(record: RunRecord): Promise<void> {
    const dir = this.runDir(record.id);
    await mkdir(dir, { recursive: true });
    const stored: StoredRecord = { ...record, hostPid: process.pid };
    await writeFileAtomic(join(dir, RECORD_FILE), JSON.stringify(stored));
  }

  /** The record, orphans turned into crashed runs; null for an unknown id or an unreadable file. */
  async read(id: string): Promise<RunRecord | null> {
    const file = join(this.runDir(id), RECORD_FILE);
    let text: string;
    let mtimeMs: number;
    try {
      [text, mtimeMs] = await Promise.all([readFile(file, 'utf8'), stat(file).then((s) => s.mtimeMs)]);
    } catch {
      return null;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return null;
    }
    const hostPid = (parsed as { hostPid?: number }).hostPid;
    const record = isRecordV1(parsed) ? fromRecordV1(parsed) : withoutPid(parsed as StoredRecord);
    if (record.id !== id || record.format !== 2) return null;
    const { run } = record;
    if (isEnded(run.phase) || this.isLive(id)) return record;
    if (hostPid !== undefined && hostPid !== process.pid && processAlive(hostPid)) return record;
    const hasWeights = await this.weightsExist(id);
    const ended = applyEvent(hasWeights ? applyEvent(run, { type: 'savedModel', dir: this.modelDir(id), files: [], bytes: 0 }) : run, { type: 'exit', reason: 'crashed', message: ORPHAN_MESSAGE, epochsCompleted: run.epochsCompleted });
    const orphan: RunRecord = { ...record, endedAt: new Date(mtimeMs).toISOString(), run: ended };
    await this.write(orphan).catch(() => {});
    return orphan;
  }

  /** Every run on disk, newest first. */
  async list(): Promise<RunSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      names = [];
    }
    const ids = names.filter(isRunId);
    for (const id of this.index.keys()) if (!ids.includes(id)) this.index.delete(id);
    const summaries = await Promise.all(ids.map((id) => this.summaryOf(id)));
    return summaries.filter((s): s is RunSummary => s !== null).sort(newestFirst);
  }

  async delete(id: string): Promise<void> {
    this.index.delete(id);
    await rm(this.runDir(id), { recursive: true, force: true });
  }

  async weightsExist(id: string): Promise<boolean> {
    const dir = this.modelDir(id);
    return Promise.all([access(join(dir, 'model.json')), access(join(dir, 'weights.bin'))]).then(
      () => true,
      () => false,
    );
  }

  private async summaryOf(id: string): Promise<RunSummary | null> {
    const mtimeMs = await stat(join(this.runDir(id), RECORD_FILE)).then(
      (s) => s.mtimeMs,
      () => null,
    );
    if (mtimeMs === null) return null;
    const hit = this.index.get(id);
    // A live run's record changes every few seconds; its cached line is refreshed by mtime like any other.
    if (hit && hit.mtimeMs === mtimeMs && (isEnded(hit.summary.status) || this.isLive(id))) return hit.summary;
    const record = await this.read(id);
    if (!record) return null;
    const fresh = await stat(join(this.runDir(id), RECORD_FILE)).then((s) => s.mtimeMs, () => mtimeMs);
    const summary = summaryOf(record);
    this.index.set(id, { mtimeMs: fresh, summary });
    return summary;
  }
}

export function newestFirst(a: RunSummary, b: RunSummary): number {
  return a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
