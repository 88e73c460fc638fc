/**
 * `npm run bench -- search [--runs N] [--backend NAME]`: should a search run
 * its trials one after another or several at once? Trains N short runs of
 * each model in real trainer processes, first one at a time, then two at a
 * time, and prints the wall time of each way; src/main/services/search/service.ts
 * says what it printed on a 2-core machine and what the search does with it.
 */
import { availableParallelism } from 'node:os';
import type { GraphDoc } from '../src/shared/document/schema.ts';
import { planRun } from '../src/shared/run/index.ts';
import { TrainingHost } from '../src/main/services/training/host.ts';
import { lenetCnn } from '../src/shared/templates/lenet-cnn.ts';
import { mnistSoftmax } from '../src/shared/templates/mnist-softmax.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const runs = Number(option('runs') ?? 4);
const backend = (option('backend') ?? 'auto') as GraphDoc['training']['backend'];

/** The template on 2,000 MNIST images for 2 epochs: a trial of a quick search. */
function trialOf(doc: GraphDoc): GraphDoc {
  return { ...doc, dataset: { kind: 'builtin', name: 'mnist', trainSubset: 2000, testSubset: 500 }, training: { ...doc.training, epochs: 2, backend, validationSplit: 0.2 } };
}

const host = new TrainingHost();

async function train(doc: GraphDoc): Promise<string> {
  const plan = planRun(doc, {});
  if (!plan.ok) throw new Error('the benchmark model does not plan');
  const run = host.start({ spec: plan.spec, settings: plan.settings, dataset: plan.dataset, baseDir: process.cwd(), options: { saveDir: null } });
  let backendName = '?';
  run.onEvent((e) => {
    if (e.type === 'ready') backendName = e.backend;
  });
  const exit = await run.done;
  if (exit.reason !== 'completed') throw new Error(exit.message);
  return backendName;
}

async function timed(doc: GraphDoc, parallel: number): Promise<{ seconds: number; backend: string }> {
  const started = performance.now();
  let backendName = '?';
  for (let i = 0; i < runs; i += parallel) {
    const batch = Array.from({ length: Math.min(parallel, runs - i) }, () => train(doc));
    backendName = (await Promise.all(batch))[0];
  }
  return { seconds: (performance.now() - started) / 1000, backend: backendName };
}

console.log(`${runs} runs per model, ${availableParallelism()} cores, backend ${backend}`);
console.log('model               one at a time   two at a time   two/one');
for (const [name, template] of [['MNIST softmax', mnistSoftmax], ['LeNet CNN', lenetCnn]] as const) {
  const doc = trialOf(template.build());
  const one = await timed(doc, 1);
  const two = await timed(doc, 2);
  console.log(`${name.padEnd(18)}  ${one.seconds.toFixed(1).padStart(11)} s  ${two.seconds.toFixed(1).padStart(11)} s   ${(two.seconds / one.seconds).toFixed(2).padStart(6)}   (${one.backend})`);
}
