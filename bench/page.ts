/**
 * The GPU trainer page next to a Node trainer process, on the same backend,
 * through the real training host: what moving the trainer into Chromium (the
 * desktop app's WebGPU path) costs or gains. Samples/s of the MNIST MLP
 * 784-300-100-10 (Adam) at batch 32 and 256, fastest epoch after the first,
 * best of two interleaved runs, weight snapshots on as in the app.
 *
 *   npx tsx bench/page.ts [--backends wasm,webgpu,cpu] [--chromium PATH] [--chromium-arg=--enable-features=Vulkan …]
 *
 * The page runs in a Chromium driven by playwright-core (Debian's by default);
 * on a machine without a GPU its WebGPU adapter is SwiftShader, in software.
 * The Node process has no Chromium WebGPU, so a page-only backend shows "n/a".
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedDataset } from '../src/shared/protocol/datasets.ts';
import type { BackendName, EpochRecord, InlineDataset } from '../src/shared/protocol/trainer.ts';
import { TrainingHost } from '../src/main/services/training/host.ts';
import { openChromiumPages } from '../src/main/services/training/page-chromium.ts';
import { buildTrainerPage } from '../src/main/trainer/page/build.ts';
import { specOf } from '../src/main/trainer/testing.ts';
import { benchSettings, mnistMlp, randomMnist } from './mnist-fixtures.ts';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const BACKENDS = (option('--backends') ?? 'wasm,webgpu').split(',') as BackendName[];
const chromiumArgs = args.filter((a) => a.startsWith('--chromium-arg=')).map((a) => a.slice('--chromium-arg='.length));
const SAMPLES = 2048;
const EPOCHS = 4;

/** The start command carries the data inline: the same for the page and the process, and no files to read. */
function inline(data: LoadedDataset): InlineDataset {
  return { kind: 'inline', info: data.info, xTrain: Array.from(data.xTrain), yTrain: Array.from(data.yTrain), xTest: [], yTest: [] };
}

async function rate(host: TrainingHost, backend: BackendName, batch: number, dataset: InlineDataset): Promise<{ rate: number; device: string }> {
  const spec = specOf(mnistMlp());
  const run = host.start({ spec, settings: benchSettings(batch, backend, EPOCHS), dataset, baseDir: '.', options: { boundary: false, samplePredictions: 0 } });
  const epochs: EpochRecord[] = [];
  let device = '';
  run.onEvent((e) => {
    if (e.type === 'epochMetrics') epochs.push(...e.epochs);
    if (e.type === 'ready') device = e.device;
  });
  const exit = await run.done;
  if (exit.reason !== 'completed') throw new Error(exit.message);
  return { rate: SAMPLES / Math.min(...epochs.slice(1).map((e) => e.seconds)), device };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'netwright-bench-page-'));
  await buildTrainerPage(join(dir, 'page'));
  const pages = await openChromiumPages(join(dir, 'page'), { executablePath: option('--chromium'), args: chromiumArgs });
  const hosts = { page: new TrainingHost({ launch: pages.launch }), process: new TrainingHost() };
  const dataset = inline(randomMnist(SAMPLES));
  console.log(`GPU page vs Node trainer process, samples/s (MLP 784-300-100-10, Adam, ${SAMPLES} samples per epoch, fastest epoch after the first, best of 2)`);
  console.log('| backend | batch | GPU page | Node process | page/process | page device |');
  console.log('|---|---|---|---|---|---|');
  try {
    for (const backend of BACKENDS) {
      for (const batch of [32, 256]) {
        const best: Record<keyof typeof hosts, number | string> = { page: 0, process: 0 };
        let device = '';
        for (let r = 0; r < 2; r++) {
          for (const where of Object.keys(hosts) as (keyof typeof hosts)[]) {
            if (typeof best[where] === 'string') continue;
            try {
              const m = await rate(hosts[where], backend, batch, dataset);
              best[where] = Math.max(best[where] as number, m.rate);
              if (where === 'page') device = m.device;
            } catch (err) {
              best[where] = `n/a (${(err as Error).message.split('\n')[0].slice(0, 60)})`;
            }
          }
        }
        const fmt = (v: number | string) => (typeof v === 'number' ? Math.round(v).toLocaleString('en-US') : v);
        const ratio = typeof best.page === 'number' && typeof best.process === 'number' ? `${(best.page / best.process).toFixed(2)}×` : '';
        console.log(`| ${backend} | ${batch} | ${fmt(best.page)} | ${fmt(best.process)} | ${ratio} | ${device} |`);
      }
    }
  } finally {
    await pages.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
