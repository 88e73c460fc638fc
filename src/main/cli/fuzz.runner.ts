/**
 * Runs fuzz cases (fuzz.fixture.ts) in a child process of the test, so that
 * the test can kill a case that hangs and a case that eats memory hits this
 * process's heap cap instead of the machine (fuzz.test.ts). Each case goes
 * through `netwright summary|check|export` (the CLI's main, in this process)
 * and through the host's openProject/saveProject (the real dispatch, path
 * policy and project service), and is judged here: what it reports back is a
 * list of broken promises, not raw output.
 */
import { rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MAX_NODES, type GraphDoc } from '../../shared/document/index.ts';
import type { ApiMethods, OpenResult, WriteResult } from '../../shared/protocol/api.ts';
import { main } from '../cli.ts';
import { dispatch } from '../services/host/dispatch.ts';
import { createHostMethods, IN_APP_DIALOGS, NO_WINDOW } from '../services/host/methods.ts';
import { RootPolicy } from '../services/host/paths.ts';
import { ProjectService } from '../services/projects/index.ts';
import { TrainingService } from '../services/runs/index.ts';
import { fuzzCase, type FuzzCase } from './fuzz.fixture.ts';
import type { Io } from './io.ts';

export interface FuzzJob {
  readonly seed: number;
  /** Cases first, first + 1, … until `count` ran or `budgetMs` passed. */
  readonly first: number;
  readonly count: number;
  readonly budgetMs: number;
  /** A scratch folder the runner may fill; the test removes it. */
  readonly dir: string;
}

export type FuzzMessage =
  | { readonly type: 'case'; readonly index: number; readonly label: string }
  | { readonly type: 'failure'; readonly index: number; readonly label: string; readonly problem: string }
  | {
      readonly type: 'done';
      readonly ran: number;
      readonly codes: Readonly<Record<string, number>>;
      readonly slowest: { readonly index: number; readonly label: string; readonly ms: number };
      /** Heap in use after the run, less what the first 50 cases left (both after a full collection). */
      readonly heapGrowth: number;
      /** This process's peak resident memory, in bytes. */
      readonly peakRss: number;
    };

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** Set when the run printed more than MAX_OUTPUT characters (the rest was not kept). */
  readonly overflow?: boolean;
}

const COMMANDS = ['summary', 'check', 'export'] as const;
/**
 * Output a run may print: a row or a diagnostic or two per layer, each line
 * bounded. A message that repeats the whole graph per layer (a loop through
 * 20,000 layers once printed 20,000 names for each of them) is far over it.
 */
const MAX_OUTPUT = MAX_NODES * 400;
const MAX_LINE = 2_000;
const STACK_TRACE = /^\s+at .+[:(]|unexpected failure|\b(TypeError|RangeError|ReferenceError|SyntaxError): |Maximum call stack/m;
/** Characters that move a terminal's cursor, hide text or break a line; only the newlines between lines may appear. */
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
/** Messages about the whole file rather than one field. */
const WHOLE_FILE = /^(not valid JSON \(|not UTF-8 text |expected a Netwright project \(a JSON object\)|holds more than [\d,]+ lists and objects|is [\d.]+ MB, too large)/;
/** A field path as formatIssues writes it: `nodes[3].params.units`, `meta["odd key"]`. */
const FIELD = /^(?:[A-Za-z_$][\w$]*|\["(?:[^"\\]|\\.)*"\])(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*: \S/;

/**
 * Runs one CLI command in this process and captures what it prints, up to
 * MAX_OUTPUT characters a stream: past that the judge has its answer, and
 * holding gigabytes of runaway output would only crash the fuzzer itself.
 */
export async function runCli(argv: readonly string[]): Promise<CliRun> {
  const captured = { out: '', err: '', overflow: false };
  const keep = (stream: 'out' | 'err', t: string) => {
    // A runaway string is not even sliced: V8 would first flatten all of it.
    if (captured[stream].length + t.length > MAX_OUTPUT) captured.overflow = true;
    else captured[stream] += t + '\n';
  };
  const io: Io = { tty: false, out: (t) => keep('out', t), err: (t) => keep('err', t) };
  let code: number;
  try {
    code = await main(argv, io);
  } catch (err) {
    return { ...captured, code: -1, err: `${captured.err}ESCAPED: ${(err as Error)?.stack ?? String(err)}` };
  }
  return { code, ...captured };
}

/** What is wrong with one command's run on `file`, or undefined. */
export function judgeCli(command: (typeof COMMANDS)[number], file: string, run: CliRun, program: string): string | undefined {
  const text = run.out + run.err;
  if (![0, 1, 2].includes(run.code)) return `exit ${run.code}: ${text.slice(0, 600)}`;
  if (STACK_TRACE.test(text)) return `a stack trace or internal error in the output: ${text.slice(0, 600)}`;
  const control = CONTROL.exec(text.replaceAll('\n', ''));
  if (control) return `a raw control character U+${control[0].codePointAt(0)!.toString(16).padStart(4, '0')} in the output`;
  if (run.overflow || text.length > MAX_OUTPUT) return `more than ${MAX_OUTPUT.toLocaleString('en-US')} characters of output`;
  const long = text.split('\n').find((l) => l.length > MAX_LINE);
  if (long) return `a line of ${long.length} characters: ${long.slice(0, 200)}…`;
  if (run.code === 2) {
    const lines = run.err.trimEnd().split('\n');
    if (run.out) return `a refusal printed to stdout: ${run.out.slice(0, 200)}`;
    const head = `netwright ${command}: ${file}`;
    if (!lines[0].startsWith(head)) return `a refusal that does not start with "${head}": ${lines[0].slice(0, 300)}`;
    if (lines.length === 1) {
      const rest = lines[0].slice(head.length + 2);
      if (!WHOLE_FILE.test(rest) && !FIELD.test(rest)) return `a refusal that names no field: ${lines[0].slice(0, 300)}`;
    } else {
      if (lines[0] !== `${head} is not a valid project:`) return `an unexpected refusal heading: ${lines[0].slice(0, 300)}`;
      if (lines.length > 10) return `a refusal of ${lines.length} lines`;
      const bad = lines.slice(1).find((l) => !(l.startsWith('  ') && (FIELD.test(l.slice(2)) || /^…and (at least )?[\d,]+ more$/.test(l.slice(2)))));
      if (bad) return `a refusal line that names no field: ${bad.slice(0, 300)}`;
    }
    return undefined;
  }
  const errors = run.code === 1;
  switch (command) {
    case 'summary':
      if (!run.out.startsWith('Model: ')) return `a summary without its heading: ${run.out.slice(0, 200)}`;
      if (!/^Total params: \d{1,3}(,\d{3})*$/m.test(run.out)) return `a summary without a whole Total params: ${run.out.slice(-300)}`;
      return undefined;
    case 'check': {
      const tally = new RegExp(`^${escape(file)}: (\\d+) errors?, \\d+ warnings?$`, 'm').exec(run.out);
      if (!tally) return `check without its tally line: ${run.out.slice(-300)}`;
      if ((Number(tally[1]) > 0) !== errors) return `check exits ${run.code} with ${tally[1]} errors`;
      return undefined;
    }
    case 'export':
      if (errors) return new RegExp(`^${escape(file)}: not exported, the network has \\d+ errors? to fix first$`, 'm').test(run.err) ? undefined : `an export refusal without its reason: ${run.err.slice(-300)}`;
      return run.out.startsWith(`wrote ${program} (`) ? undefined : `an export that does not say what it wrote: ${run.out.slice(0, 200)}`;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What is wrong with the host's handling of the case, or undefined. `cli` is what `check` said of the same file. */
async function judgeHost(methods: ApiMethods, c: FuzzCase, file: string, cli: CliRun, dir: string): Promise<string | undefined> {
  const opened = await dispatch(methods, 'openProject', [file]);
  if (!opened.ok) return `openProject failed as a call: ${opened.error.code}: ${opened.error.message.slice(0, 300)}`;
  const result = opened.value as OpenResult;
  if (!result.ok) {
    if (STACK_TRACE.test(result.message)) return `openProject's message holds a stack trace: ${result.message.slice(0, 300)}`;
    if (!result.message.startsWith(basename(file))) return `openProject's message does not name the file: ${result.message.slice(0, 200)}`;
    if (result.message.split('\n').length > 10 || result.message.length > 4_000) return `openProject's message is ${result.message.length} characters`;
    if (cli.code !== 2) return `openProject refuses a file that check accepts (exit ${cli.code}): ${result.message.slice(0, 200)}`;
  } else {
    // The CLI is stricter only about layer kinds and parameter values.
    if (cli.code === 2 && !/\.(params|kind)\b/.test(cli.err)) return `check refuses a file that openProject accepts: ${cli.err.slice(0, 300)}`;
    const copy = join(dir, `saved-${c.index}.nwproj.json`);
    const saved = await dispatch(methods, 'saveProject', [copy, result.doc]);
    if (!saved.ok || !(saved.value as WriteResult).ok) return `saving the opened project failed: ${JSON.stringify(saved).slice(0, 300)}`;
    const again = await dispatch(methods, 'openProject', [copy]);
    await rm(copy, { force: true });
    const reopened = again.ok ? (again.value as OpenResult) : undefined;
    if (!reopened?.ok) return `the saved project does not open again: ${JSON.stringify(again).slice(0, 300)}`;
    const { modified: _a, ...before } = result.doc.meta;
    const { modified: _b, ...after } = reopened.doc.meta;
    // Compared as JSON: a -0 in the file is written as 0, which is the same value to every reader.
    if (JSON.stringify({ ...reopened.doc, meta: after }) !== JSON.stringify({ ...result.doc, meta: before })) return 'the saved project opens as a different document';
  }
  // A page may send any JSON as the document to save; parse the bytes as a browser would.
  const raw = jsonOf(c.bytes);
  if (raw === undefined) return undefined;
  const target = join(dir, `raw-${c.index}.nwproj.json`);
  const reply = await dispatch(methods, 'saveProject', [target, raw as GraphDoc]);
  const wrote = await rm(target).then(
    () => true,
    () => false,
  );
  if (!reply.ok) {
    if (reply.error.code !== 'invalid-arguments') return `saveProject failed as a call: ${reply.error.code}: ${reply.error.message.slice(0, 300)}`;
    if (STACK_TRACE.test(reply.error.message) || reply.error.message.length > 4_000) return `saveProject's refusal is not one readable message: ${reply.error.message.slice(0, 300)}`;
    if (wrote) return 'saveProject refused the document but wrote the file';
    return undefined;
  }
  const written = reply.value as WriteResult;
  if (written.ok !== wrote) return `saveProject said ok: ${written.ok} but the file was ${wrote ? '' : 'not '}written`;
  return undefined;
}

function jsonOf(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

/** Object.prototype's own names, to catch a file that adds to them. */
const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

async function run(job: FuzzJob): Promise<void> {
  const post = (m: FuzzMessage) => new Promise<void>((resolve) => process.send!(m, undefined, {}, () => resolve()));
  // Started with --expose-gc by the test: heap figures are read after a full collection.
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const methods = createHostMethods({
    info: { kind: 'browser', nativeDialogs: false, platform: process.platform, version: 'fuzz', root: job.dir },
    projects: new ProjectService(join(job.dir, 'config')),
    paths: new RootPolicy(job.dir),
    dialogs: IN_APP_DIALOGS,
    window: NO_WINDOW,
    training: new TrainingService({ runsDir: join(job.dir, 'config', 'runs') }),
  });
  const pristine = prototypeNames();
  const program = join(job.dir, 'program.ts');
  const codes: Record<string, number> = {};
  const started = performance.now();
  let slowest = { index: -1, label: '', ms: 0 };
  let baseline = 0;
  let ran = 0;
  for (let index = job.first; ran < job.count && performance.now() - started < job.budgetMs; index++, ran++) {
    if (ran === 50) {
      gc();
      baseline = process.memoryUsage().heapUsed;
    }
    const c = fuzzCase(job.seed, index);
    void post({ type: 'case', index, label: c.label });
    const file = join(job.dir, `case-${index}.nwproj.json`);
    await writeFile(file, c.bytes);
    const caseStarted = performance.now();
    const runs = new Map<string, CliRun>();
    const problems: string[] = [];
    for (const command of COMMANDS) {
      const r = await runCli(command === 'export' ? [command, file, '--ts', program] : [command, file]);
      runs.set(command, r);
      const problem = judgeCli(command, file, r, program);
      if (problem) problems.push(`${command}: ${problem}`);
    }
    const exits = COMMANDS.map((command) => runs.get(command)!.code);
    if (new Set(exits).size > 1) problems.push(`summary, check and export disagree: exits ${exits.join(', ')}`);
    codes[exits[1]] = (codes[exits[1]] ?? 0) + 1;
    const host = await judgeHost(methods, c, file, runs.get('check')!, job.dir).catch((err: Error) => `an exception escaped the host: ${err?.stack ?? err}`);
    if (host) problems.push(`host: ${host}`);
    if (prototypeNames() !== pristine || ({} as Record<string, unknown>).polluted !== undefined) problems.push('Object.prototype was changed');
    await rm(file, { force: true });
    const ms = performance.now() - caseStarted;
    if (ms > slowest.ms) slowest = { index, label: c.label, ms };
    for (const problem of problems) void post({ type: 'failure', index, label: c.label, problem });
  }
  gc();
  await post({ type: 'done', ran, codes, slowest, heapGrowth: ran > 50 ? process.memoryUsage().heapUsed - baseline : 0, peakRss: process.resourceUsage().maxRSS * 1024 });
}

/** The argument that makes this module run a job: the test forks it with `FUZZ_JOB <json>`. */
export const JOB_ARG = 'FUZZ_JOB';

if (process.argv[2] === JOB_ARG && process.send) {
  await run(JSON.parse(process.argv[3]) as FuzzJob);
  process.disconnect();
}
