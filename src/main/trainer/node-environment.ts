/** The trainer core's environment in a Node process: datasets from the file system, the Node rungs, files written directly. */
import { loadDataset } from '../services/datasets/index.ts';
import { selectNodeBackend } from './backends/node-rungs.ts';
import type { TrainerEnvironment } from './environment.ts';
import { saveModel } from './save.ts';

export const nodeEnvironment: TrainerEnvironment = {
  loader: (ref, baseDir, onProgress, seed) => loadDataset(ref, { baseDir, onProgress, seed }),
  selectBackend: selectNodeBackend,
  save: saveModel,
};
