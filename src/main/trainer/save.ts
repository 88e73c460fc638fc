/**
 * Writes the trained model in tfjs' own layout (model.json + weights.bin),
 * loadable with tf.loadLayersModel, through a save handler of our own: tfjs'
 * file:// handler exists only in tfjs-node, and this must work on every
 * backend. Files are written under temporary names and renamed, so a run
 * killed while saving leaves the previous model intact.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from './backends/types.ts';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

export interface SavedFiles {
  readonly dir: string;
  readonly files: readonly string[];
  readonly bytes: number;
}

export async function saveModel(tf: Tf, model: TF.LayersModel, dir: string): Promise<SavedFiles> {
  let saved: SavedFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData ? new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData)) : new Uint8Array(0);
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
      };
      const text = JSON.stringify(modelJson);
      await mkdir(dir, { recursive: true });
      const files = [join(dir, WEIGHTS_FILE), join(dir, MODEL_FILE)];
      const temps = files.map((f) => `${f}.${process.pid}.tmp`);
      try {
        await writeFile(temps[0], weights);
        await writeFile(temps[1], text);
        // Weights first: a model.json never points at weights from another save.
        await rename(temps[0], files[0]);
        await rename(temps[1], files[1]);
      } catch (err) {
        await Promise.all(temps.map((t) => rm(t, { force: true })));
        throw err;
      }
      saved = { dir, files: files.reverse(), bytes: weights.byteLength + Buffer.byteLength(text) };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return saved!;
}
