/**
 * Small folders in CIFAR-10's binary layout for tests: a few records per
 * batch with labels and pixel bytes that follow a formula, so a test can say
 * which value every float must be.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CIFAR_RECORD_BYTES } from './cifar10.ts';

/** Label of record `i` of batch `batch` (0 for the test batch). */
export function fixtureLabel(batch: number, i: number): number {
  return (batch * 3 + i) % 10;
}

/** Byte of record `i` of batch `batch` in channel `c` (0 red, 1 green, 2 blue) at pixel `p` (row × 32 + column). */
export function fixtureByte(batch: number, i: number, c: number, p: number): number {
  return (batch * 41 + i * 17 + c * 85 + p * 3) % 256;
}

export function cifarBatchBytes(batch: number, records: number): Uint8Array {
  const bytes = new Uint8Array(records * CIFAR_RECORD_BYTES);
  for (let i = 0; i < records; i++) {
    const start = i * CIFAR_RECORD_BYTES;
    bytes[start] = fixtureLabel(batch, i);
    for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) bytes[start + 1 + c * 1024 + p] = fixtureByte(batch, i, c, p);
  }
  return bytes;
}

export const FIXTURE_CLASSES = ['plane', 'car', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

export interface CifarFixture {
  /** Records per training batch: [7, 7] writes data_batch_1.bin and data_batch_2.bin. */
  readonly train?: readonly number[];
  /** Records of test_batch.bin; null leaves it out. */
  readonly test?: number | null;
  /** Text of batches.meta.txt; null leaves it out. */
  readonly meta?: string | null;
}

/** Writes the folder (created if need be) and returns it. */
export function writeCifarFolder(dir: string, fixture: CifarFixture = {}): string {
  mkdirSync(dir, { recursive: true });
  const { train = [7, 7], test = 5, meta = `${FIXTURE_CLASSES.join('\n')}\n\n` } = fixture;
  train.forEach((records, b) => writeFileSync(join(dir, `data_batch_${b + 1}.bin`), cifarBatchBytes(b + 1, records)));
  if (test !== null) writeFileSync(join(dir, 'test_batch.bin'), cifarBatchBytes(0, test));
  if (meta !== null) writeFileSync(join(dir, 'batches.meta.txt'), meta);
  return dir;
}
