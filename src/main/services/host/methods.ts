/**
 * The host side of NetwrightApi: one implementation shared by the Electron
 * shell and `netwright serve`. What differs between them (dialogs, the window,
 * which paths are allowed) comes in through HostContext; dispatch.ts validates
 * the arguments before any of these run.
 */
import { totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { memoryRefusal } from '../../../shared/analysis/memory.ts';
import type { GraphDoc } from '../../../shared/document/index.ts';
import { ApiError, type ApiMethods, type DialogOutcome, type HostInfo, type SaveKind } from '../../../shared/protocol/api.ts';
import type { SearchRecord } from '../../../shared/protocol/search-api.ts';
import { applyTrial } from '../../../shared/search/apply.ts';
import { describeTrial } from '../../../shared/search/check.ts';
import { expandTrials } from '../../../shared/search/expand.ts';
import { getTemplate, TEMPLATES } from '../../../shared/templates/index.ts';
import { previewDataset } from '../datasets/preview.ts';
import { exportTrainedModel, exportTypeScript, generateTypeScriptFor } from '../export/index.ts';
import { listDirectory, type ProjectService } from '../projects/index.ts';
import type { TrainingService } from '../runs/index.ts';
import { SearchService } from '../search/service.ts';
import { datasetBaseDir, refuseDataset } from './dataset-paths.ts';
import { PathRefused, type PathPolicy } from './paths.ts';

export interface DialogPort {
  open(): Promise<DialogOutcome>;
  save(suggestedName: string, kind: SaveKind): Promise<DialogOutcome>;
}

export interface WindowPort {
  setDirty(dirty: boolean, title: string): void;
  close(): void;
}

export interface HostContext {
  /** What the shell knows about itself; the machine's memory is added here. */
  readonly info: Omit<HostInfo, 'memory'>;
  readonly projects: ProjectService;
  readonly paths: PathPolicy;
  readonly dialogs: DialogPort;
  readonly window: WindowPort;
  /** Runs and their records; the host wires its events to every window. */
  readonly training: TrainingService;
  /** Hyperparameter searches; by default kept in a `searches` folder beside the runs folder. */
  readonly searches?: SearchService;
}

/** Browser mode: the UI draws its own dialogs and owns its tab. */
export const IN_APP_DIALOGS: DialogPort = {
  open: async () => ({ type: 'in-app' }),
  save: async () => ({ type: 'in-app' }),
};
export const NO_WINDOW: WindowPort = { setDirty() {}, close() {} };

export function createHostMethods(ctx: HostContext): ApiMethods {
  const { projects, paths, training } = ctx;
  const searches = ctx.searches ?? new SearchService({ dir: join(dirname(training.store.dir), 'searches'), training });
  /** The search records an export of `doc` picks its configuration from: none for a project without a search. */
  async function searchesOf(doc: GraphDoc): Promise<SearchRecord[]> {
    if (!doc.search) return [];
    return searches.records();
  }
  /** Runs `use` on a checked path; a refused path becomes the `{ ok: false }` the UI shows. */
  async function withPath<R>(path: string, use: 'read' | 'write' | 'list', run: (checked: string) => Promise<R>): Promise<R | { ok: false; message: string }> {
    let checked: string;
    try {
      checked = await paths.check(path, use);
    } catch (err) {
      if (err instanceof PathRefused) return { ok: false, message: err.message };
      throw err;
    }
    return run(checked);
  }
  const granted = async (outcome: DialogOutcome): Promise<DialogOutcome> => {
    if (outcome.type === 'chosen') paths.grant(outcome.path);
    return outcome;
  };

  return {
    hostInfo: async () => ({ ...ctx.info, memory: totalmem() }),
    listTemplates: async () => TEMPLATES.map(({ id, title, description }) => ({ id, title, description })),
    async newFromTemplate(id) {
      const template = getTemplate(id);
      if (!template) throw new ApiError('invalid-arguments', `newFromTemplate: no template ${JSON.stringify(id)}; known: ${TEMPLATES.map((t) => t.id).join(', ')}`);
      return template.build();
    },
    openProject: (path) => withPath(path, 'read', (p) => projects.open(p)),
    parseProjectText: async (name, text) => projects.parseText(name, text),
    saveProject: (path, doc: GraphDoc) => withPath(path, 'write', (p) => projects.save(p, doc)),
    async recentProjects() {
      const recent = await projects.listRecent();
      for (const r of recent) paths.grant(r.path);
      return recent;
    },
    async writeRecovery(doc, path) {
      // The stored path is trusted again after a restart (takeRecovery grants it), so only a path the page may already write is kept.
      const allowed = path === null ? null : await paths.check(path, 'write').catch(() => null);
      await projects.recovery.write(doc, allowed);
    },
    async takeRecovery() {
      const recovery = await projects.recovery.read();
      if (recovery?.path) paths.grant(recovery.path);
      return recovery;
    },
    discardRecovery: () => projects.recovery.discard(),
    showOpenDialog: async () => granted(await ctx.dialogs.open()),
    showSaveDialog: async (suggestedName, kind) => granted(await ctx.dialogs.save(suggestedName, kind)),
    async listDirectory(dir) {
      const start = dir ?? paths.root;
      if (start === null) return { ok: false, message: 'The desktop app uses the system file dialogs; folder listings are for browser mode.' };
      return withPath(start, 'list', (p) => listDirectory(p, paths.root));
    },
    generateTypeScript: async (doc) => generateTypeScriptFor(doc, 'model.ts', await searchesOf(doc)),
    exportTypeScript: (doc, path) => withPath(path, 'write', async (p) => exportTypeScript(doc, p, await searchesOf(doc))),
    async setDirty(dirty, title) {
      ctx.window.setDirty(dirty, title);
    },
    async closeWindow() {
      ctx.window.close();
    },

    async previewDataset(ref, projectPath) {
      const baseDir = datasetBaseDir(projectPath, paths);
      const refused = await refuseDataset(ref, baseDir, paths);
      if (refused) return { ok: false, message: refused };
      return previewDataset(ref, { baseDir });
    },
    async startTraining(request) {
      const tooBig = memoryRefusal(request.doc, totalmem());
      if (tooBig) return { ok: false, message: tooBig };
      const baseDir = datasetBaseDir(request.projectPath, paths);
      const refused = request.doc.dataset && (await refuseDataset(request.doc.dataset, baseDir, paths));
      if (refused) return { ok: false, message: refused };
      return training.start(request, baseDir);
    },
    pauseTraining: (runId) => training.pause(runId),
    resumeTraining: (runId) => training.resume(runId),
    setTrainingSpeed: (runId, stepsPerSecond) => training.setSpeed(runId, stepsPerSecond),
    stepTraining: (runId) => training.step(runId),
    tuneTraining: (runId, tuning) => training.tune(runId, tuning),
    probeTraining: (runId, sample) => training.probe(runId, sample),
    stopTraining: (runId) => training.stop(runId),
    listRuns: () => training.list(),
    getRun: (runId) => training.get(runId),
    deleteRun: (runId) => training.delete(runId),
    predict: (runId, inputs) => training.predict(runId, inputs),
    async startSearch(request) {
      const spec = request.doc.search;
      if (spec) {
        // Each trial is a network of its own: the largest one decides whether the machine can hold it.
        for (const trial of expandTrials(spec)) {
          const tooBig = memoryRefusal(applyTrial(request.doc, spec, trial), totalmem());
          if (tooBig) return { ok: false, message: `Trial ${trial.index + 1} (${describeTrial(spec.dimensions, trial)}): ${tooBig}` };
        }
      }
      const baseDir = datasetBaseDir(request.projectPath, paths);
      const refused = request.doc.dataset && (await refuseDataset(request.doc.dataset, baseDir, paths));
      if (refused) return { ok: false, message: refused };
      return searches.start(request, baseDir);
    },
    pauseSearch: (id) => searches.pause(id),
    async resumeSearch(id) {
      const record = await searches.get(id);
      await searches.resume(id, datasetBaseDir(record?.projectPath ?? null, paths));
    },
    stopSearch: (id) => searches.stop(id),
    listSearches: () => searches.list(),
    getSearch: (id) => searches.get(id),
    deleteSearch: (id) => searches.delete(id),
    exportTrainedModel: (runId, dir) =>
      withPath(dir, 'write', async (checked) => {
        const record = await training.get(runId);
        if (!record) return { ok: false, message: `There is no run ${runId}; it may have been deleted.` };
        if (!record.run.hasWeights) return { ok: false, message: 'This run has no saved weights to export: it ended before the trainer saved the model.' };
        return exportTrainedModel({
          doc: record.doc,
          weightsDir: training.store.modelDir(runId),
          dir: checked,
          projectDir: record.projectPath ? dirname(record.projectPath) : null,
        });
      }),
  };
}
