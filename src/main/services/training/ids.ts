/** Run ids: sortable by start time, unique across host processes, and safe as folder names (RUN_ID_PATTERN). */
import { randomBytes } from 'node:crypto';
import { RUN_ID_PATTERN } from '../../../shared/protocol/api-args.ts';

/** e.g. "20261123-125501-3fa9c2": the UTC start time, then randomness so two hosts never collide. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export function isRunId(id: string): boolean {
  return RUN_ID_PATTERN.test(id);
}
