/**
 * What the trainer core needs from the place it runs in. The core itself
 * (trainer.ts, session.ts and the loop) is plain tfjs and runs anywhere; a
 * Node trainer process binds these to the file system and the Node rungs
 * (node-environment.ts), Chromium's GPU page to its host bridge and the
 * browser rungs (page/environment.ts).
 */
import type { BackendSelector } from './backends/ladder.ts';
import type { ModelSaver } from './artifacts.ts';
import type { DatasetLoader } from './dataset-source.ts';

export interface TrainerEnvironment {
  /** Turns the start command's dataset reference into arrays. */
  readonly loader: DatasetLoader;
  /** Walks the backend ladder (or loads the forced backend). */
  readonly selectBackend: BackendSelector;
  /** Writes the trained model where the start command asked. */
  readonly save: ModelSaver;
}
