/**
 * Thousands of malformed project files (fuzz.fixture.ts) through
 * `netwright summary|check|export` and the host's openProject/saveProject.
 * Every one must end in exit 0, 1 or 2 with readable output: a refusal names
 * the file and the field, nothing prints a stack trace, no exception escapes,
 * no case hangs and memory stays bounded.
 *
 * The cases run in one child process (fuzz.runner.ts), calling the CLI's main
 * in-process for speed, so that a case that hangs can be killed and one that
 * eats memory hits a heap cap instead of the machine. A sample also runs as
 * real `bin/netwright.mjs` processes.
 *
 * Replay: FUZZ_SEED=<seed> FUZZ_CASE=<index> npx vitest run src/main/cli/fuzz.test.ts
 * More:   FUZZ_SEED=<any> FUZZ_CASES=20000 FUZZ_BUDGET_MS=600000 npx vitest run src/main/cli/fuzz.test.ts
 */
import { execFile, fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzCase, HUGE_EVERY } from './fuzz.fixture.ts';
import { JOB_ARG, judgeCli, runCli, type CliRun, type FuzzJob, type FuzzMessage } from './fuzz.runner.ts';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
/** Fixed, so CI runs the same cases every time; set FUZZ_SEED to explore others. */
const SEED = env('FUZZ_SEED', 20_250_611);
const ONLY = process.env.FUZZ_CASE ? Number(process.env.FUZZ_CASE) : undefined;
/** As many cases as fit in the budget, up to this many; a slow machine runs fewer, but never fewer than MIN_CASES. */
const CASES = ONLY !== undefined ? 1 : env('FUZZ_CASES', 4_000);
const BUDGET_MS = env('FUZZ_BUDGET_MS', 35_000);
const MIN_CASES = ONLY !== undefined ? 1 : Math.min(CASES, 400);
/** The longest one case (three commands, an open, two saves) may take: the largest files take about a second here. */
const CASE_LIMIT_MS = 30_000;
/** The fuzz process's heap cap: a case that needs more kills it, a failure rather than a swapping machine. */
const HEAP_CAP_MB = 512;
/** Its peak resident memory: the heap cap plus code, buffers and the largest files' bytes. */
const MAX_PEAK_RSS = 768 * 1024 * 1024;
/** Heap left over after the run, beyond what the first 50 cases left: a leak shows up as tens of megabytes. */
const MAX_HEAP_GROWTH = 48 * 1024 * 1024;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const replay = (index: number) => `FUZZ_SEED=${SEED} FUZZ_CASE=${index} npx vitest run src/main/cli/fuzz.test.ts`;
const bin = fileURLToPath(new URL('../../../bin/netwright.mjs', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-fuzz-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Report {
  readonly failures: { index: number; label: string; problem: string }[];
  readonly done?: Extract<FuzzMessage, { type: 'done' }>;
  /** Why the fuzz process stopped early: a hang, a crash or the heap cap. */
  readonly stopped?: string;
}

/** Runs the job in a child process (fuzz.runner.ts) under a heap cap, with a per-case watchdog. */
function runJob(job: FuzzJob): Promise<Report> {
  const child = fork(fileURLToPath(new URL('./fuzz.runner.ts', import.meta.url)), [JOB_ARG, JSON.stringify(job)], {
    execArgv: ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${HEAP_CAP_MB}`],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 4_000) stderr += chunk.toString();
  });
  const failures: Report['failures'] = [];
  let current: { index: number; label: string } | undefined;
  let done: Report['done'];
  return new Promise((resolve) => {
    let watchdog: NodeJS.Timeout | undefined;
    let stopped: string | undefined;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stopped = `case ${current?.index} (${current?.label}) ran past ${CASE_LIMIT_MS / 1000} s`;
        child.kill('SIGKILL');
      }, CASE_LIMIT_MS);
    };
    arm();
    child.on('message', (m: FuzzMessage) => {
      if (m.type === 'case') {
        current = m;
        arm();
      } else if (m.type === 'failure') failures.push(m);
      else done = m;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      if (!done && !stopped) stopped = `the fuzz process died (${signal ?? `exit ${code}`}) in case ${current?.index} (${current?.label}): ${stderr.trim().split('\n').slice(0, 6).join(' | ')}`;
      resolve({ failures, done, stopped });
    });
  });
}

function execCli(argv: readonly string[]): Promise<CliRun & { ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    // A heap far below the machine's: a file that makes the CLI balloon fails here.
    execFile(process.execPath, ['--max-old-space-size=256', bin, ...argv], { timeout: 30_000, maxBuffer: 4 * 1024 * 1024 }, (err, out, errText) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code: err?.killed ? -1 : code, out, err: errText, ms: performance.now() - started });
    });
  });
}

describe(`fuzzing project files (seed ${SEED})`, () => {
  it(
    'every malformed file ends in exit 0, 1 or 2 with a readable message, in bounded time and memory',
    async () => {
      const report = await runJob({ seed: SEED, first: ONLY ?? 0, count: CASES, budgetMs: BUDGET_MS, dir });
      const lines = report.failures.slice(0, 20).map((f) => `case ${f.index} (${f.label}): ${f.problem}\n  replay: ${replay(f.index)}`);
      // Together, so that a run that died also shows what failed before it.
      expect({ stopped: report.stopped, failures: lines }, `seed ${SEED}: ${report.failures.length} failures${report.stopped ? `, then ${report.stopped}` : ''}`).toEqual({ stopped: undefined, failures: [] });
      const done = report.done!;
      console.log(
        `fuzz seed ${SEED}: ${done.ran} cases, exits ${JSON.stringify(done.codes)}, slowest ${done.slowest.ms.toFixed(0)} ms (case ${done.slowest.index}: ${done.slowest.label}), heap growth ${mb(done.heapGrowth)}, peak RSS ${mb(done.peakRss)}`,
      );
      expect(done.ran).toBeGreaterThanOrEqual(MIN_CASES);
      expect(done.heapGrowth).toBeLessThan(MAX_HEAP_GROWTH);
      expect(done.peakRss).toBeLessThan(MAX_PEAK_RSS);
      if (ONLY === undefined) {
        // Each kind of outcome is reached, so the fuzzer is not stuck on one.
        expect(Object.keys(done.codes).sort()).toEqual(['0', '1', '2']);
      }
    },
    BUDGET_MS + 60_000,
  );

  it('a sample runs as real processes of bin/netwright.mjs, with the same output as in-process', async () => {
    // The families that once crashed or misread files, then a few at random.
    const wanted = [/deep-nesting .*\(100,000/, /deep-nesting .*\(5,000/, /invalid-utf8/, /bom /, /prototype-key/, /huge-number/, /./, /./];
    const sample = wanted.map(() => -1);
    for (let index = 0; sample.includes(-1) && index < 5_000; index++) {
      if (index % HUGE_EVERY === HUGE_EVERY - 1) continue;
      const label = fuzzCase(SEED, index).label;
      const slot = wanted.findIndex((re, i) => sample[i] === -1 && re.test(label));
      if (slot >= 0) sample[slot] = index;
    }
    expect(sample, `seed ${SEED}: each family of the sample occurs among the first 5,000 cases`).not.toContain(-1);
    // And one graph near the size limits.
    sample.push(HUGE_EVERY - 1);
    const runs = await Promise.all(
      [...sample.entries()].map(async ([i, index]) => {
        const file = join(dir, `process-${index}.nwproj.json`);
        await writeFile(file, fuzzCase(SEED, index).bytes);
        const command = (['check', 'summary', 'export'] as const)[i % 3];
        const program = join(dir, `process-${index}.ts`);
        const argv = command === 'export' ? [command, file, '--ts', program] : [command, file];
        return { index, command, file, program, child: await execCli(argv), inProcess: await runCli(argv) };
      }),
    );
    for (const { index, command, file, program, child, inProcess } of runs) {
      const where = `case ${index} (${fuzzCase(SEED, index).label}) as a process; replay: ${replay(index)}`;
      expect(judgeCli(command, file, child, program), where).toBeUndefined();
      expect({ code: child.code, out: child.out, err: child.err }, where).toEqual({ code: inProcess.code, out: inProcess.out, err: inProcess.err });
      expect(child.ms, where).toBeLessThan(CASE_LIMIT_MS);
    }
  }, 90_000);
});
