/** Helpers for tests and benchmarks that run the trainer core in this process. */
import { compile } from '../../shared/compile/index.ts';
import type { CompileSpec } from '../../shared/compile/spec.ts';
import type { GraphDoc, TrainingSettings } from '../../shared/document/schema.ts';
import type { ExitEvent, TrainerCommand, TrainerEvent } from '../../shared/protocol/trainer.ts';
import { memoryChannel, type MemoryChannel } from './port.ts';
import { nodeEnvironment } from './node-environment.ts';
import { serveTrainer } from './trainer.ts';

type Start = Extract<TrainerCommand, { type: 'start' }>;

export function specOf(doc: GraphDoc): CompileSpec {
  const r = compile(doc);
  if (!r.ok) throw new Error(`does not compile: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.spec;
}

export interface InProcessRun {
  readonly channel: MemoryChannel;
  /** Every event so far, in order. */
  readonly events: TrainerEvent[];
  readonly done: Promise<ExitEvent>;
  of<T extends TrainerEvent['type']>(type: T): Extract<TrainerEvent, { type: T }>[];
}

/** Starts the core on a memory channel with the document's dataset unless one is given. */
export function trainInProcess(doc: GraphDoc, patch: Partial<TrainingSettings> = {}, extra: Partial<Omit<Start, 'type' | 'spec'>> = {}): InProcessRun {
  const spec = specOf(doc);
  const channel = memoryChannel();
  const events: TrainerEvent[] = [];
  channel.onEvent((e) => events.push(e));
  const done = serveTrainer(channel.port, { env: nodeEnvironment });
  channel.send({ type: 'start', spec, settings: { ...spec.training, ...patch }, dataset: spec.dataset!, baseDir: '.', ...extra });
  return { channel, events, done, of: (type) => events.filter((e) => e.type === type) as never };
}
