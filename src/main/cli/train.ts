/**
 * `netwright train <file> [--epochs N] [--backend NAME] [--json] [--no-save]`:
 * trains the project in a trainer process, printing a progress bar (redrawn in
 * place on a terminal), a line per epoch and the test evaluation, or with
 * --json one trainer event per line. The trained weights go beside the
 * project: <name>.model/model.json + weights.bin.
 *
 * Exit codes: 0 completed or stopped early, 1 the project has errors or the
 * run failed (the loss diverged, exploded or overflowed), 2 bad input, 70 the
 * trainer crashed or stopped responding, 130 stopped with Ctrl-C (the model is
 * saved after the batch in progress, however long it takes; a second Ctrl-C
 * ends the trainer at once, without saving).
 */
import { totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { memoryRefusal } from '../../shared/analysis/memory.ts';
import { BACKENDS, type TrainingSettings } from '../../shared/document/schema.ts';
import type { ExitReason, TrainerEvent } from '../../shared/protocol/trainer.ts';
import { planRun } from '../../shared/run/index.ts';
import { formatEpoch, formatEvaluation, formatProgress, formatReady, formatSaved } from '../services/training/format.ts';
import { TrainingHost } from '../services/training/host.ts';
import { formatDiagnostics } from './diagnostics.ts';
import { CliError, type Command, type Io } from './io.ts';
import { parseArgs, readProjectFile } from './project-file.ts';

const EXIT_CODES: Record<ExitReason, number> = { completed: 0, 'early-stopped': 0, failed: 1, crashed: 70, stopped: 130 };

/** xor.nwproj.json → xor.model, beside it. */
export function modelDirFor(file: string): string {
  const name = basename(file).replace(/(\.nwproj)?\.json$/i, '') || 'model';
  return join(dirname(resolve(file)), `${name}.model`);
}

function parseEpochs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new CliError(`--epochs needs a whole number from 1 to 100000, not ${JSON.stringify(value)}`);
  return n;
}

export function parseBackend(value: string | undefined): TrainingSettings['backend'] | undefined {
  if (value === undefined) return undefined;
  if (!(BACKENDS as readonly string[]).includes(value)) throw new CliError(`--backend must be one of ${BACKENDS.join(', ')}, not ${JSON.stringify(value)}`);
  return value as TrainingSettings['backend'];
}

/** Writes events as text; on a terminal the progress line is redrawn in place. */
function textReporter(io: Io, epochs: number): (e: TrainerEvent) => void {
  let progressShown = false;
  const line = (text: string, transient = false) => {
    // Cursor up one line and clear it: the previous progress line is replaced.
    io.out((progressShown ? '\x1b[1A\x1b[2K' : '') + text);
    progressShown = transient;
  };
  return (e) => {
    switch (e.type) {
      case 'ready':
        line(formatReady(e));
        return;
      case 'progress':
        if (io.tty) line(formatProgress(e), true);
        return;
      case 'epochMetrics':
        for (const r of e.epochs) line(formatEpoch(r, epochs));
        return;
      case 'evaluation':
        line(formatEvaluation(e));
        return;
      case 'savedModel':
        line(formatSaved(e));
        return;
      case 'alert':
        io.err(`${e.fatal ? 'error' : 'warning'}: ${e.message}`);
        return;
      case 'log':
        // Raw trainer output (driver notices and the like) only matters after a crash, and the exit message quotes it then.
        if (e.message.startsWith('trainer: ')) return;
        if (e.level === 'warn') io.err(`warning: ${e.message}`);
        else line(e.message);
        return;
      case 'error':
        return; // The exit event carries the same message.
      case 'exit':
        if (e.reason === 'completed' || e.reason === 'early-stopped') line(e.message);
        else io.err(e.message);
        return;
      case 'status':
      case 'heartbeat':
      case 'batchMetrics':
      case 'snapshot':
      case 'boundary':
      case 'activations':
      case 'tuning':
      case 'change':
        return;
      default:
        throw new Error(`unknown trainer event ${(e satisfies never as { type: string }).type}`);
    }
  };
}

export const trainCommand: Command = {
  name: 'train',
  usage: 'train <file> [--epochs N] [--backend NAME] [--json] [--no-save]',
  summary: 'train the model on its dataset and save the weights beside the project',
  async run(args, io) {
    const { positional, values, flags } = parseArgs(args, { values: ['epochs', 'backend'], flags: ['json', 'no-save'] });
    if (positional.length !== 1) throw new CliError('expected one project file');
    const epochs = parseEpochs(values.get('epochs'));
    const backend = parseBackend(values.get('backend'));
    const file = positional[0];
    const doc = await readProjectFile(file);
    const plan = planRun(doc, { ...(epochs ? { epochs } : {}), ...(backend ? { backend } : {}) });
    if (!plan.ok) {
      io.err(plan.reason === 'errors' ? formatDiagnostics(plan.diagnostics) : 'error: the project has no dataset; choose one in the Data panel or set "dataset" in the file');
      return 1;
    }
    const tooBig = memoryRefusal({ ...doc, training: plan.settings }, totalmem());
    if (tooBig) {
      io.err(`error: ${tooBig}`);
      return 1;
    }
    const { spec, settings, dataset } = plan;
    const saveDir = flags.has('no-save') ? null : modelDirFor(file);
    const run = new TrainingHost().start({ spec, settings, dataset, baseDir: dirname(resolve(file)), options: { saveDir } });
    run.onEvent(flags.has('json') ? (e) => io.out(JSON.stringify(e)) : textReporter(io, settings.epochs));
    let interrupts = 0;
    const onInterrupt = () => {
      if (interrupts++ === 0) {
        io.err('stopping after the batch in progress, then saving… (Ctrl-C again to end at once, without saving)');
        void run.stop();
      } else void run.kill();
    };
    process.on('SIGINT', onInterrupt);
    try {
      const exit = await run.done;
      return EXIT_CODES[exit.reason];
    } finally {
      process.off('SIGINT', onInterrupt);
    }
  },
};
