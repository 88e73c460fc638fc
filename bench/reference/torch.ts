/**
 * Runs bench/reference/torch_cpu.py, PyTorch on the CPU, as the yardstick for
 * the engine bench, with the same epoch size, epochs and repeats. Finds a
 * Python that imports torch (NETWRIGHT_PYTHON, python3, then Debian's
 * /usr/bin/python3, which `apt-get install python3-torch` provides) or says
 * why there is no reference.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface TorchReference {
  /** Samples per second by "model:batch", e.g. "cnn:64". */
  readonly rates: ReadonlyMap<string, number>;
  readonly version: string;
  readonly threads: number;
}

const SCRIPT = fileURLToPath(new URL('./torch_cpu.py', import.meta.url));

function pythonWithTorch(): string | null {
  const candidates = [process.env.NETWRIGHT_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);
  for (const python of new Set(candidates)) {
    if (spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}

export function torchReference(options: { samples: number; epochs: number; repeats: number; models: readonly string[] }): TorchReference | string {
  const python = pythonWithTorch();
  if (!python) return 'no Python here imports torch (Debian: apt-get install python3-torch; or set NETWRIGHT_PYTHON)';
  const args = [SCRIPT, '--samples', String(options.samples), '--epochs', String(options.epochs), '--repeats', String(options.repeats), '--models', options.models.join(',')];
  const r = spawnSync(python, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) return `${python} ${SCRIPT} failed: ${(r.stderr || r.error?.message || '').trim().split('\n').at(-1)}`;
  const rates = new Map<string, number>();
  let version = '';
  let threads = 0;
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    const row = JSON.parse(line) as { model: string; batch: number; samples_per_sec: number; threads: number; torch: string };
    rates.set(`${row.model}:${row.batch}`, row.samples_per_sec);
    version = row.torch;
    threads = row.threads;
  }
  return { rates, version, threads };
}
