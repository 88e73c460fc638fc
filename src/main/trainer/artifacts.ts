/**
 * A trained model as the two files of tfjs' own layout (model.json +
 * weights.bin), loadable with tf.loadLayersModel. Collected through a save
 * handler of our own: tfjs' file:// handler exists only in tfjs-node, and this
 * must work on every backend and in the GPU page, which has no file system
 * and hands the bytes to its host to write.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from './backends/types.ts';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

export interface ModelArtifacts {
  /** model.json's text; its manifest points at ./weights.bin. */
  readonly modelJson: string;
  readonly weights: Uint8Array;
}

export interface SavedFiles {
  readonly dir: string;
  readonly files: readonly string[];
  readonly bytes: number;
}

/** Where a trained model goes: a Node trainer writes the files itself, the GPU page sends them to its host. */
export type ModelSaver = (tf: Tf, model: TF.LayersModel, dir: string) => Promise<SavedFiles>;

export async function modelArtifacts(tf: Tf, model: TF.LayersModel): Promise<ModelArtifacts> {
  let out: ModelArtifacts | null = null;
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
      out = { modelJson: JSON.stringify(modelJson), weights };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return out!;
}
