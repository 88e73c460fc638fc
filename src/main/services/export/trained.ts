/**
 * Export a trained model: its tfjs files (model/model.json + weights.bin)
 * and a TypeScript project around them that predicts and trains further as
 * exported. Everything is written into a temporary folder beside the target
 * and renamed into place at the end, so a failure never leaves a folder that
 * looks like a finished export.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { generateTrainedProject } from '../../../shared/codegen/project.ts';
import { compile } from '../../../shared/compile/index.ts';
import type { DatasetRef, GraphDoc } from '../../../shared/document/index.ts';
import type { ExportModelResult } from '../../../shared/protocol/training-api.ts';
import { dataModuleSources } from './data-modules.ts';

export interface ExportTrainedOptions {
  readonly doc: GraphDoc;
  /** The run's saved model: model.json and the weight files it lists. */
  readonly weightsDir: string;
  /** The project folder to create (or an empty one, or an earlier export to replace). */
  readonly dir: string;
  /** The folder of the project file, for relative dataset paths; null for a project never saved. */
  readonly projectDir: string | null;
}

/** package.json carries this field so that a later export may replace the folder. */
const MARKER = 'netwrightExport';

class ExportError extends Error {}

interface SavedModel {
  /** File names in weightsDir: model.json first, then the weight files. */
  readonly files: readonly string[];
}

const BYTES_PER_VALUE: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Checks that weightsDir holds a complete layers model whose weights fit the network being exported. */
async function checkSavedModel(weightsDir: string, totalParams: number): Promise<SavedModel> {
  const jsonFile = join(weightsDir, 'model.json');
  let json: { modelTopology?: unknown; weightsManifest?: { paths?: unknown; weights?: { shape: number[]; dtype?: string; quantization?: { dtype: string } }[] }[] };
  try {
    json = JSON.parse(await readFile(jsonFile, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ExportError(code === 'ENOENT' ? `${jsonFile} is missing: train the model (or pick a run that saved its weights) before exporting it` : `${jsonFile} cannot be read: ${(err as Error).message}`);
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) throw new ExportError(`${jsonFile} is not a TensorFlow.js layers model (no modelTopology or weightsManifest): train the model again`);
  const names: string[] = [];
  let expectedBytes = 0;
  let values = 0;
  for (const group of json.weightsManifest) {
    const paths = Array.isArray(group.paths) ? group.paths : [];
    for (const p of paths) {
      if (typeof p !== 'string' || basename(p) !== p.replace(/^\.\//, '')) throw new ExportError(`${jsonFile} lists the weight file ${JSON.stringify(p)}, which is not a file beside it`);
      names.push(basename(p));
    }
    for (const w of group.weights ?? []) {
      if (!Array.isArray(w?.shape)) throw new ExportError(`${jsonFile} has a weight entry without a shape: train the model again`);
      const n = w.shape.reduce((a, b) => a * b, 1);
      values += n;
      // Quantized weights are stored in the quantization's smaller type.
      expectedBytes += n * (BYTES_PER_VALUE[w.quantization?.dtype ?? w.dtype ?? 'float32'] ?? 4);
    }
  }
  let bytes = 0;
  for (const name of names) {
    const file = join(weightsDir, name);
    try {
      bytes += (await stat(file)).size;
    } catch {
      throw new ExportError(`${file} is missing (${jsonFile} lists it): train the model again to save complete weights`);
    }
  }
  if (bytes !== expectedBytes) throw new ExportError(`the weight files in ${weightsDir} hold ${bytes} bytes but model.json describes ${expectedBytes}: the save was cut short; train the model again`);
  if (values !== totalParams) {
    throw new ExportError(`the saved weights hold ${values.toLocaleString('en-US')} parameters but the network has ${totalParams.toLocaleString('en-US')}: the graph changed since this run; export from a run of the current graph or restore the run's graph`);
  }
  return { files: ['model.json', ...new Set(names)] };
}

/** A dataset path as the exported project should read it (relative to its folder), and a note saying so. */
function relocate(path: string, projectDir: string | null, dir: string): { path: string; note: string } {
  if (isAbsolute(path)) return { path, note: `${path} is an absolute path, as in the Netwright project.` };
  if (projectDir === null) {
    return { path, note: `The Netwright project was not saved when exported, so ${path} is read relative to this folder: put the data there or pass --data-dir.` };
  }
  const absolute = resolve(projectDir, path);
  const fromExport = relative(dir, absolute);
  // On Windows a path on another drive has no relative form.
  if (isAbsolute(fromExport)) return { path: absolute, note: `${absolute} is the data the model was trained on (absolute, as it is on another drive).` };
  return { path: fromExport, note: `${fromExport} is relative to this folder; it pointed at ${absolute} when exported. Pass --data-dir to read the data elsewhere.` };
}

function relocateDataset(dataset: DatasetRef | null, projectDir: string | null, dir: string): { dataset: DatasetRef | null; note: string | null } {
  switch (dataset?.kind) {
    case 'csv': {
      const r = relocate(dataset.path, projectDir, dir);
      return { dataset: { ...dataset, path: r.path }, note: `The CSV file: ${r.note}` };
    }
    case 'images': {
      const r = relocate(dataset.folder, projectDir, dir);
      return { dataset: { ...dataset, folder: r.path }, note: `The image folder: ${r.note}` };
    }
    case 'cifar10': {
      const r = relocate(dataset.folder, projectDir, dir);
      return { dataset: { ...dataset, folder: r.path }, note: `The CIFAR-10 folder: ${r.note}` };
    }
    case 'idx': {
      const at = (p: string | undefined) => (p === undefined ? undefined : relocate(p, projectDir, dir));
      const [trainImages, trainLabels, testImages, testLabels] = [dataset.trainImages, dataset.trainLabels, dataset.testImages, dataset.testLabels].map(at);
      const moved: DatasetRef = { ...dataset, trainImages: trainImages!.path, trainLabels: trainLabels!.path };
      if (testImages && testLabels) Object.assign(moved, { testImages: testImages.path, testLabels: testLabels.path });
      return { dataset: moved, note: `The IDX files: ${trainImages!.note}` };
    }
    case 'builtin':
    case 'generated':
    case undefined:
      return { dataset, note: null };
    default:
      throw new Error(`unknown dataset kind ${(dataset as { kind: string }).kind}`);
  }
}

/** Throws unless `dir` is absent, empty, or an earlier export (returned true). */
async function checkTarget(dir: string): Promise<boolean> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code === 'ENOTDIR') {
      const isFile = await stat(dir).then((s) => s.isFile(), () => false);
      throw new ExportError(isFile ? `${dir} is a file: choose a folder to export into` : `cannot write the export to ${dir}: part of that path is a file, not a folder. Choose a folder you can write to.`);
    }
    throw new ExportError(`cannot read ${dir}: ${(err as Error).message}`);
  }
  if (entries.length === 0) return false;
  try {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    if (pkg && typeof pkg === 'object' && MARKER in pkg) return true;
  } catch {
    // Not an earlier export: fall through.
  }
  throw new ExportError(`${dir} is not empty: choose a new or empty folder (an earlier export of a trained model may be replaced)`);
}

/** Moves `temp` to `dir`; an earlier export there is replaced, keeping its installed node_modules. */
async function moveIntoPlace(temp: string, dir: string, replace: boolean): Promise<void> {
  if (!replace) {
    // An empty folder the user picked: rename cannot replace it everywhere.
    await rmdir(dir).catch(() => undefined);
    await rename(temp, dir);
    return;
  }
  const old = `${temp}-old`;
  await rename(dir, old);
  try {
    await rename(temp, dir);
  } catch (err) {
    await rename(old, dir);
    throw err;
  }
  // Installed packages carry over; if one cannot be moved, the old folder is left beside rather than deleted with it.
  let moved = true;
  for (const kept of ['node_modules', 'package-lock.json']) {
    await rename(join(old, kept), join(dir, kept)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') moved = false;
    });
  }
  if (moved) await rm(old, { recursive: true, force: true });
}

function compileMessage(compiled: Extract<ReturnType<typeof compile>, { ok: false }>): string {
  const errors = compiled.diagnostics.map((d) => d.message);
  const more = errors.length > 5 ? `\n…and ${errors.length - 5} more` : '';
  return `The network has ${errors.length === 1 ? 'an error' : `${errors.length} errors`} to fix before it can be exported:\n${errors.slice(0, 5).join('\n')}${more}`;
}

export async function exportTrainedModel(options: ExportTrainedOptions): Promise<ExportModelResult> {
  const dir = resolve(options.dir);
  const compiled = compile(options.doc);
  if (!compiled.ok) return { ok: false, message: compileMessage(compiled) };
  const temp = join(dirname(dir), `.${basename(dir)}.export-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const saved = await checkSavedModel(options.weightsDir, compiled.spec.totalParams);
    const replace = await checkTarget(dir);
    const { dataset, note } = relocateDataset(compiled.spec.dataset, options.projectDir, dir);
    const spec = { ...compiled.spec, dataset };
    const files = generateTrainedProject(spec, {
      source: JSON.stringify(options.doc.meta.name || 'Untitled'),
      dataNote: note,
      dataSeed: options.doc.training.seed,
      dataModules: dataModuleSources(),
    });
    await mkdir(join(temp, 'model'), { recursive: true });
    for (const name of saved.files) await copyFile(join(options.weightsDir, name), join(temp, 'model', name));
    for (const file of files) {
      const text = file.path === 'package.json' ? withMarker(file.text, options.doc.meta.name) : file.text;
      const path = join(temp, ...file.path.split('/'));
      // src/ and, where the data is read with the app's modules, src/netwright/.
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    }
    await moveIntoPlace(temp, dir, replace);
    const written = [...saved.files.map((f) => `model/${f}`), ...files.map((f) => f.path)];
    return { ok: true, dir, files: written.map((f) => join(dir, ...f.split('/'))) };
  } catch (err) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (err instanceof ExportError) return { ok: false, message: err.message };
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : (err as Error).message;
    return { ok: false, message: `cannot write the export to ${dir}: ${why}. Choose a folder you can write to.` };
  }
}

function withMarker(packageText: string, projectName: string): string {
  const pkg = JSON.parse(packageText) as Record<string, unknown>;
  return `${JSON.stringify({ ...pkg, [MARKER]: { project: projectName || 'Untitled', exportedAt: new Date().toISOString() } }, null, 2)}\n`;
}
