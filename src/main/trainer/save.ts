/**
 * Writes a trained model's files (artifacts.ts) into a folder. Files are
 * written under temporary names and renamed, so a run killed while saving
 * leaves the previous model intact. Used by the Node trainer and, for the GPU
 * page, by the host that received the page's bytes.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MODEL_FILE, modelArtifacts, WEIGHTS_FILE, type ModelArtifacts, type ModelSaver, type SavedFiles } from './artifacts.ts';

export { MODEL_FILE, WEIGHTS_FILE, type SavedFiles } from './artifacts.ts';

export async function writeModelFiles(dir: string, artifacts: ModelArtifacts): Promise<SavedFiles> {
  await mkdir(dir, { recursive: true });
  const files = [join(dir, WEIGHTS_FILE), join(dir, MODEL_FILE)];
  const temps = files.map((f) => `${f}.${process.pid}.tmp`);
  try {
    await writeFile(temps[0], artifacts.weights);
    await writeFile(temps[1], artifacts.modelJson);
    // Weights first: a model.json never points at weights from another save.
    await rename(temps[0], files[0]);
    await rename(temps[1], files[1]);
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw err;
  }
  return { dir, files: files.reverse(), bytes: artifacts.weights.byteLength + Buffer.byteLength(artifacts.modelJson) };
}

export const saveModel: ModelSaver = async (tf, model, dir) => writeModelFiles(dir, await modelArtifacts(tf, model));
