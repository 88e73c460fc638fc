/**
 * End to end: export every test architecture, type-check all programs with
 * one strict tsc run, run each with Node (summary only, or a short real
 * training run), and compare the model.summary() it prints with our analysis.
 */
import * as tf from '@tensorflow/tfjs';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../analysis/types.ts';
import { CATALOG } from '../catalog/index.ts';
import { compile } from '../compile/index.ts';
import type { CompileSpec } from '../compile/spec.ts';
import { dataModuleSources } from '../../main/services/export/data-modules.ts';
import { ARCHITECTURES, type Architecture } from './test-architectures.ts';
import { generateTypeScript } from './typescript.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
// Inside the repository so that the programs resolve @tensorflow/tfjs and tsx from its node_modules; git ignores it.
const DIR = join(ROOT, '.netwright-tmp', `codegen-${process.pid}`);

interface Case {
  readonly arch: Architecture;
  readonly spec: CompileSpec;
  readonly summary: Summary;
  readonly file: string;
}

interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

const cases: Case[] = ARCHITECTURES.map((arch) => {
  const result = compile(arch.doc);
  if (!result.ok) throw new Error(`${arch.id}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return { arch, spec: result.spec, summary: result.analysis.summary, file: join(DIR, `${arch.id}.ts`) };
});

function writeCsv(dir: string): void {
  const rows = ['id,a,b,c,d,e,f,color,label'];
  for (let i = 0; i < 24; i++) rows.push([i, i % 3, i * 0.5, 7 - i, (i * i) % 5, i % 2, 1.5, i % 4 ? 'red' : 'blue', i % 2].join(','));
  writeFileSync(join(dir, 'table.csv'), rows.join('\n') + '\n');
}

function writePictures(dir: string): void {
  for (const [label, shade] of [['dark', 30], ['light', 220]] as const) {
    mkdirSync(join(dir, 'pictures', label), { recursive: true });
    for (let k = 0; k < 4; k++) {
      const png = new PNG({ width: 3, height: 3 });
      png.data.fill(shade + k);
      writeFileSync(join(dir, 'pictures', label, `${k}.png`), PNG.sync.write(png));
    }
  }
}

async function runProgram(c: Case): Promise<Outcome> {
  const cwd = join(DIR, c.arch.id);
  mkdirSync(cwd, { recursive: true });
  if (c.arch.data === 'csv') writeCsv(cwd);
  if (c.arch.data === 'images') writePictures(cwd);
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', c.file, ...(c.arch.args ?? []), '--out', 'saved'], { cwd, timeout: 50_000 });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? String(err), code: e.code ?? -1 };
  }
}

/** Runs the programs two at a time (the machine has two cores). */
async function runAll(): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  const queue = cases.filter((c) => c.arch.args);
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) out.set(c.arch.id, await runProgram(c));
  };
  await Promise.all([worker(), worker()]);
  return out;
}

async function typeCheck(): Promise<Outcome> {
  const config = {
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'], types: ['node'],
      strict: true, noUnusedLocals: true, noUnusedParameters: true, noImplicitReturns: true, noFallthroughCasesInSwitch: true,
      noEmit: true, skipLibCheck: true,
    },
    files: cases.map((c) => c.file),
  };
  writeFileSync(join(DIR, 'tsconfig.json'), JSON.stringify(config, null, 2));
  try {
    const { stdout } = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(DIR, 'tsconfig.json')], { cwd: DIR, timeout: 55_000 });
    return { stdout, stderr: '', code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? String(err), code: e.code ?? -1 };
  }
}

interface PrintedRow {
  readonly className: string;
  readonly outputShape: string;
  readonly params: number;
}

/** Rows of tfjs' model.summary() by layer name, and its totals. */
function parseSummary(stdout: string, names: readonly string[]): { rows: Map<string, PrintedRow>; totals: number[] } {
  const rows = new Map<string, PrintedRow>();
  for (const line of stdout.split('\n')) {
    const [name, className, , outputShape, params] = line.trim().split(/\s+/);
    if (names.includes(name) && className?.startsWith('(')) rows.set(name, { className: className.slice(1, -1), outputShape, params: Number(params) });
  }
  const total = (label: string) => Number(new RegExp(`^${label} params: (\\d+)$`, 'm').exec(stdout)?.[1]);
  return { rows, totals: [total('Total'), total('Trainable'), total('Non-trainable')] };
}

let checked: Outcome;
let outcomes: Map<string, Outcome>;

beforeAll(async () => {
  tf.enableProdMode(); // this test's own tfjs only loads saved models back; skip its "install tfjs-node" banner
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  for (const c of cases) writeFileSync(c.file, generateTypeScript(c.spec, { source: `${c.arch.id}.netwright.json`, fileName: `${c.arch.id}.ts`, dataModules: dataModuleSources() }));
  [checked, outcomes] = await Promise.all([typeCheck(), runAll()]);
}, 120_000);

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('generated programs', () => {
  it('use every layer kind in the catalog between them', () => {
    const used = new Set(cases.flatMap((c) => c.spec.layers.map((l) => l.kind)));
    expect([...CATALOG.keys()].filter((k) => !used.has(k))).toEqual([]);
  });

  it('type-check with strict settings in one tsc run', () => {
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.code).toBe(0);
  });

  it.each(cases.filter((c) => c.arch.args).map((c) => [c.arch.id, c] as const))('%s: runs and prints the summary our analysis predicts', (_id, c) => {
    const outcome = outcomes.get(c.arch.id)!;
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('TensorFlow.js from @tensorflow/tfjs (backend: cpu)');
    const names = c.summary.layers.map((r) => r.name);
    const printed = parseSummary(outcome.stdout, names);
    expect([...printed.rows.keys()].sort()).toEqual([...names].sort());
    for (const row of c.summary.layers) {
      const got = printed.rows.get(row.name)!;
      expect({ name: row.name, shape: got.outputShape, params: got.params }).toEqual({ name: row.name, shape: JSON.stringify(row.outputShape), params: row.params });
    }
    expect(printed.totals).toEqual([c.summary.totalParams, c.summary.trainableParams, c.summary.nonTrainableParams]);
  });

  it.each(cases.filter((c) => c.arch.args && !c.arch.args.includes('--summary-only')).map((c) => [c.arch.id, c] as const))(
    '%s: trains, evaluates and saves a model that tfjs loads back',
    async (_id, c) => {
      const { stdout } = outcomes.get(c.arch.id)!;
      const args = c.arch.args ?? [];
      const epochs = Number(args[args.indexOf('--epochs') + 1]);
      expect(stdout).toMatch(new RegExp(`^Epoch 1/${epochs}  loss \\d`, 'm'));
      expect(stdout).toMatch(/^Test \(\d+ samples\): loss \d+\.\d{4}/m);
      const dir = join(DIR, c.arch.id, 'saved');
      const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
      const weights = readFileSync(join(dir, 'weights.bin'));
      const model = await tf.loadLayersModel(
        tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: new Uint8Array(weights).buffer }),
      );
      expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
      expect(model.countParams()).toBe(c.spec.totalParams);
      expect(model.layers.map((l) => l.name)).toEqual(expect.arrayContaining(c.summary.layers.map((r) => r.name)));
      model.dispose();
    },
  );

  it('reads the MNIST IDX files and uses only --limit training samples', () => {
    expect(outcomes.get('mlp')!.stdout).toMatch(/^Data: MNIST \(first 256 training images\): 100 training and 50 test samples$/m);
  });

  it('reads CSV rows and image folders and feeds two inputs their columns', () => {
    expect(outcomes.get('two-inputs')!.stdout).toMatch(/^Data: table\.csv \(predicting "label", classification\): 18 training and 6 test samples$/m);
    expect(outcomes.get('concatenate')!.stdout).toContain('Classes: dark, light (8 images)');
  });

  it('stops early and restores the best weights when asked to', () => {
    expect(outcomes.get('batchnorm')!.stdout).toMatch(/^Restored the weights of epoch \d \(best val_loss\)$/m);
  });
});
