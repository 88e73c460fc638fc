/**
 * The training host: starts one trainer process per run, each behind a
 * TrainingRun. It keeps no list of runs: the training service (services/runs)
 * is the one registry, by run id, and the CLI holds its single run itself.
 * The CLI and `netwright serve` fork Node processes; the desktop app
 * passes a launcher for Electron's utilityProcess (src/main/app/utility-trainer.ts)
 * that sends WebGPU runs to Chromium's GPU page instead (page-process.ts).
 * All carry the same messages behind the same TrainingRun surface.
 *
 * @example
 * const host = new TrainingHost();
 * const run = host.start({ spec, settings: spec.training, dataset: spec.dataset!, baseDir: dirname(file) });
 * run.onEvent((e) => { if (e.type === 'epochMetrics') draw(e.epochs); });
 * const exit = await run.done; // { type: 'exit', reason: 'completed', … }
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TrainerCommand } from '../../../shared/protocol/trainer.ts';
import { newRunId } from './ids.ts';
import { forkLauncher, type TrainerLauncher } from './process.ts';
import { TrainingRun } from './run.ts';

export type StartRequest = Omit<Extract<TrainerCommand, { type: 'start' }>, 'type' | 'settings'> & {
  /** Defaults to spec.training. */
  readonly settings?: Extract<TrainerCommand, { type: 'start' }>['settings'];
};

export interface TrainingHostOptions {
  /** The trainer's entry file; default src/main/trainer/child.ts. A bundled app passes its built file. */
  readonly entry?: string;
  /** Node flags for the trainer; default loads tsx when the entry is TypeScript. */
  readonly execArgv?: readonly string[];
  /**
   * A trainer that gives no sign of life for this long (no message, and no
   * CPU time in its process's pulse) is frozen: the run is ended and says
   * so. Default 4000 ms. A long batch is not silence: it spends CPU time.
   */
  readonly heartbeatTimeoutMs?: number;
  /** How long a stop waits before ending a trainer that has never given a sign of life; default 1000 ms. A live trainer is waited for. */
  readonly stopGraceMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** How the trainer process is started; default child_process.fork with execArgv and env. The desktop app passes Electron's utilityProcess. */
  readonly launch?: TrainerLauncher;
}

const DEFAULT_ENTRY = fileURLToPath(new URL('../../trainer/child.ts', import.meta.url));

/** `--import <tsx>` by absolute URL, so the trainer starts whatever the working directory. */
function tsxFlags(): string[] {
  const loader = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(loader).href];
}

export class TrainingHost {
  constructor(private readonly options: TrainingHostOptions = {}) {}

  /** Forks a trainer and sends it the start command. Listeners attached before the next tick miss nothing. */
  start(request: StartRequest, id: string = newRunId()): TrainingRun {
    const entry = this.options.entry ?? DEFAULT_ENTRY;
    const launch = this.options.launch ?? forkLauncher({ execArgv: this.options.execArgv ?? (entry.endsWith('.ts') ? tsxFlags() : []), env: this.options.env ?? process.env });
    const command = { type: 'start', ...request, settings: request.settings ?? request.spec.training } as const;
    const run = new TrainingRun(id, launch(entry, command), { heartbeatTimeoutMs: this.options.heartbeatTimeoutMs ?? 4000, stopGraceMs: this.options.stopGraceMs ?? 1000 });
    run.start(command);
    return run;
  }
}
