/**
 * `netwright search <file> [--trials N] [--backend NAME] [--json] [--resume]`:
 * runs the project's hyperparameter search headless, each fold of each trial
 * in a trainer process, and prints a line per fold and the trials table,
 * best first. Runs and the search record go beside the project in
 * <name>.search/, so `--resume` goes on with the folds a stopped search had
 * not done. With --json, one event per line.
 *
 * Exit codes as for train: 0 completed, 1 the project or its search has
 * errors or no trial gave a score, 2 bad input, 130 stopped with Ctrl-C.
 */
import { basename, dirname, join, resolve } from 'node:path';
import type { GraphDoc } from '../../shared/document/schema.ts';
import type { SearchRecord } from '../../shared/protocol/search-api.ts';
import { checkSearch, describeTrial } from '../../shared/search/check.ts';
import { formatScore } from '../../shared/search/score.ts';
import type { SearchSpec } from '../../shared/search/spec.ts';
import { formatTrialTable, searchProgress, trialTable } from '../../shared/search/table.ts';
import { TrainingService } from '../services/runs/index.ts';
import { SearchService } from '../services/search/service.ts';
import { CliError, type Command, type Io } from './io.ts';
import { parseArgs, readProjectFile } from './project-file.ts';
import { parseBackend } from './train.ts';

/** xor.nwproj.json → xor.search, beside it. */
export function searchDirFor(file: string): string {
  const name = basename(file).replace(/(\.nwproj)?\.json$/i, '') || 'project';
  return join(dirname(resolve(file)), `${name}.search`);
}

/** The search records `netwright search` kept beside `file`, for export. */
export async function searchRecordsFor(file: string): Promise<SearchRecord[]> {
  const dir = searchDirFor(file);
  const searches = new SearchService({ dir: join(dir, 'searches'), training: new TrainingService({ runsDir: join(dir, 'runs') }) });
  return searches.records();
}

function parseTrials(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new CliError(`--trials needs a whole number from 1 to 1000, not ${JSON.stringify(value)}`);
  return n;
}

/** Prints a line for each fold that ended since the last record, and nothing twice. */
function foldReporter(io: Io, json: boolean): (record: Omit<SearchRecord, 'doc'>) => void {
  const reported = new Set<string>();
  const folds = (r: Omit<SearchRecord, 'doc'>) => (r.spec.validation.kind === 'kfold' ? r.spec.validation.folds : 1);
  return (record) => {
    for (const trial of record.trials) {
      for (const fold of trial.folds) {
        if (fold.status !== 'done' && fold.status !== 'failed') continue;
        const key = `${trial.index}:${fold.fold}`;
        if (reported.has(key)) continue;
        reported.add(key);
        if (json) {
          io.out(JSON.stringify({ type: 'fold', trial: trial.index + 1, fold: fold.fold + 1, values: trial.values, status: fold.status, figures: fold.figures, epochs: fold.epochs, seconds: fold.seconds, message: fold.message, runId: fold.runId }));
          continue;
        }
        const where = folds(record) > 1 ? `, fold ${fold.fold + 1}/${folds(record)}` : '';
        const figure = fold.figures?.[record.spec.rankBy];
        const result = fold.status === 'done' ? `${record.spec.rankBy} ${formatScore({ mean: figure ?? Number.NaN, std: 0, folds: 1 }, record.spec.rankBy)}` : `failed: ${fold.message}`;
        const progress = searchProgress({ ...record, current: null });
        io.out(`trial ${trial.index + 1}${where} (${describeTrial(record.spec.dimensions, trial)}): ${result} in ${fold.seconds.toFixed(1)} s${progress ? ` — ${progress}` : ''}`);
      }
    }
  };
}

export const searchCommand: Command = {
  name: 'search',
  usage: 'search <file> [--trials N] [--backend NAME] [--json] [--resume]',
  summary: "run the project's hyperparameter search and print the trials, best first",
  async run(args, io) {
    const { positional, values, flags } = parseArgs(args, { values: ['trials', 'backend'], flags: ['json', 'resume'] });
    if (positional.length !== 1) throw new CliError('expected one project file');
    const maxTrials = parseTrials(values.get('trials'));
    const backend = parseBackend(values.get('backend'));
    const file = positional[0];
    const json = flags.has('json');
    const doc = (await readProjectFile(file)) as GraphDoc & { search?: SearchSpec };
    if (!doc.search) {
      io.err(`error: ${file} has no search; add one in the Search tab or set "search" in the file (docs/project-format.md)`);
      return 1;
    }
    const dir = searchDirFor(file);
    const training = new TrainingService({ runsDir: join(dir, 'runs') });
    const searches = new SearchService({ dir: join(dir, 'searches'), training });
    const baseDir = dirname(resolve(file));

    let id: string;
    if (flags.has('resume')) {
      const unfinished = (await searches.list()).find((s) => s.status !== 'completed');
      if (!unfinished) {
        io.err(`error: there is no unfinished search in ${dir} to resume`);
        return 1;
      }
      id = unfinished.id;
      if (!json) io.out(`Resuming the search started ${unfinished.startedAt}: ${unfinished.foldsDone} of ${unfinished.foldsTotal} runs done.`);
      searches.onEvent(reporterFor(io, json));
      await searches.resume(id, baseDir);
    } else {
      for (const p of checkSearch(doc, doc.search).problems) {
        if (p.severity === 'warning') io.err(`warning: ${p.message}`);
      }
      searches.onEvent(reporterFor(io, json));
      const started = await searches.start({ doc, projectPath: resolve(file), ...(backend ? { backend } : {}), ...(maxTrials ? { maxTrials } : {}) }, baseDir);
      if (!started.ok) {
        io.err(`error: ${started.message}`);
        return 1;
      }
      id = started.searchId;
    }

    let interrupts = 0;
    const onInterrupt = () => {
      if (interrupts++ === 0) {
        io.err('stopping the search… (run again with --resume to go on)');
        void searches.stop(id);
      } else process.exit(130);
    };
    process.on('SIGINT', onInterrupt);
    try {
      const record = await searches.whenEnded(id);
      if (!record) return 1;
      const table = trialTable(record);
      if (json) {
        io.out(JSON.stringify({ type: 'end', status: record.status, message: record.message, header: table.header, rows: table.rows, best: table.trials[0]?.score ? table.trials[0] : null }));
      } else {
        io.out('');
        io.out(formatTrialTable(table));
        const best = table.trials[0];
        if (best?.score) io.out(`\nBest: trial ${best.index + 1} (${describeTrial(record.spec.dimensions, best)}), ${record.spec.rankBy} ${formatScore(best.score, record.spec.rankBy)}.`);
        if (record.message) io.err(record.message);
      }
      return record.status === 'completed' ? 0 : record.status === 'stopped' ? 130 : 1;
    } finally {
      process.off('SIGINT', onInterrupt);
      await training.stopAll();
    }
  },
};

function reporterFor(io: Io, json: boolean) {
  const report = foldReporter(io, json);
  return (event: { readonly record: Omit<SearchRecord, 'doc'> }) => report(event.record);
}
