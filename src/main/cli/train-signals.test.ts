/**
 * `netwright train` as a person runs it, in a process of its own, with its
 * trainer process under it: Ctrl-C during a long batch, a trainer frozen
 * with SIGSTOP, and the CLI itself terminated or killed. Linux only: the
 * trainer's pid is found through /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../shared/document/index.ts';
import { xorMlp } from '../../shared/templates/xor-mlp.ts';
import { slowBatchesDoc } from '../trainer/testing.ts';

const BIN = fileURLToPath(new URL('../../../bin/netwright.mjs', import.meta.url));

interface Cli {
  readonly child: ChildProcess;
  out(): string;
  err(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: ChildProcess[] = [];
const trainers: number[] = [];

function netwright(...args: string[]): Cli {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, out: () => out, err: () => err, exited };
}

async function until(what: string, cli: Cli, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!ok()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}; the CLI said: ${cli.err() || '(nothing)'}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A process that has exited (a zombie waiting for its new parent counts as gone). */
async function alive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The CLI's trainer: its one child process. */
async function trainerOf(cli: Cli): Promise<number> {
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d));
  const children: number[] = [];
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (stat && stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === String(cli.child.pid)) children.push(Number(pid));
  }
  expect(children).toHaveLength(1);
  trainers.push(children[0]);
  return children[0];
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-train-signals-'));
});
afterAll(async () => {
  for (const c of started) c.kill('SIGKILL');
  for (const pid of trainers) if (await alive(pid)) process.kill(pid, 'SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform !== 'linux')('netwright train under signals (real CLI and trainer processes)', () => {
  it('Ctrl-C during a batch of several seconds saves the model after that batch, says which weights, and exits 130', async () => {
    // About 3 s a batch, two batches an epoch: the trainer reads the stop when the first batch ends.
    const file = join(dir, 'slow.nwproj.json');
    await writeFile(file, serializeDocument(slowBatchesDoc({ units: 256 })));
    const cli = netwright('train', file);
    await until('the first batch', cli, () => cli.out().includes('Training on cpu'));
    await new Promise((r) => setTimeout(r, 300));
    cli.child.kill('SIGINT');
    const { code } = await cli.exited;
    expect(code).toBe(130);
    expect(cli.err()).toContain('Stopped after epoch 1, batch 1 of 2 (step 1); saved the model with the weights of that step.');
    expect(cli.out()).toMatch(new RegExp(`^Saved the model to ${join(dir, 'slow.model').replace(/[.]/g, '\\.')} \\(model\\.json, weights\\.bin; [\\d.]+ kB\\): the weights after epoch 1, batch 1 of 2 \\(step 1\\)$`, 'm'));
    await access(join(dir, 'slow.model', 'weights.bin'));
    expect(cli.err()).toContain('stopping after the batch in progress, then saving… (Ctrl-C again to end at once, without saving)');
  }, 30_000);

  it('prints that a trainer frozen with SIGSTOP stopped responding, ends it, and exits 70', async () => {
    const file = join(dir, 'xor.nwproj.json');
    await writeFile(file, serializeDocument(xorMlp.build()));
    const cli = netwright('train', file, '--epochs', '100000', '--backend', 'cpu', '--no-save');
    await until('the first epoch', cli, () => /^Epoch 1\/100000/m.test(cli.out()));
    const trainer = await trainerOf(cli);
    process.kill(trainer, 'SIGSTOP');
    const frozenAt = performance.now();
    const { code } = await cli.exited;
    // The default heartbeat timeout is 4 s.
    expect(performance.now() - frozenAt).toBeLessThan(4000 + 2000);
    expect(code).toBe(70);
    expect(cli.err()).toMatch(/^The trainer stopped responding: no heartbeat and no computing for [\d.]+ s \(its process may be suspended, e\.g\. by SIGSTOP, or deadlocked\), so it was ended\.$/m);
    expect(await alive(trainer)).toBe(false);
  }, 30_000);

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`the trainer ends within 2 s, even in the middle of a batch, when the CLI gets ${signal}`, async () => {
      // One batch of many seconds: the trainer's event loop is blocked for all of it.
      const file = join(dir, `orphan-${signal}.nwproj.json`);
      await writeFile(file, serializeDocument(slowBatchesDoc({ units: 512, batchesPerEpoch: 1 })));
      const cli = netwright('train', file, '--json', '--no-save');
      await until('the run to start', cli, () => cli.out().includes('"type":"status","state":"running"'));
      const trainer = await trainerOf(cli);
      await new Promise((r) => setTimeout(r, 300));
      cli.child.kill(signal);
      await cli.exited;
      const gone = performance.now();
      while (await alive(trainer)) {
        if (performance.now() - gone > 10_000) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(performance.now() - gone).toBeLessThan(2000);
      expect(await alive(trainer)).toBe(false);
    }, 30_000);
  }
});
