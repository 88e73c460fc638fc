/**
 * The trained-model project for every test architecture (every layer kind,
 * optimizer, loss and dataset kind): all type-check in one strict tsc run
 * with the project's own compiler options; a two-input CSV project trains
 * from scratch, prints the summary our analysis predicts, and predicts.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataModuleSources } from '../../main/services/export/data-modules.ts';
import { compile } from '../compile/index.ts';
import { generateTrainedProject, packageName, PINNED_VERSIONS } from './project.ts';
import { ARCHITECTURES } from './test-architectures.ts';

const execFileAsync = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');

interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

async function run(args: readonly string[], cwd: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, args, { cwd, timeout: 50_000 });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? String(err), code: typeof e.code === 'number' ? e.code : -1 };
  }
}

const compiled = ARCHITECTURES.map((arch) => {
  const r = compile(arch.doc);
  if (!r.ok) throw new Error(`${arch.id}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return { id: arch.id, spec: r.spec, summary: r.analysis.summary };
});
const twoInputs = compiled.find((c) => c.id === 'two-inputs')!;

let dir: string;
let checked: Outcome;
let trained: Outcome;
let predicted: Outcome;
let wrongWidth: Outcome;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nw-project-'));
  // Every project below resolves its packages here, as after `npm install`.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const c of compiled) {
    for (const file of generateTrainedProject(c.spec, { source: `${c.id}.netwright.json`, dataModules: dataModuleSources() })) {
      const path = join(dir, c.id, ...file.path.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
    }
  }
  const own = JSON.parse(readFileSync(join(dir, 'xor', 'tsconfig.json'), 'utf8'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: own.compilerOptions, include: compiled.map((c) => `${c.id}/src`) }));
  const csv = ['id,a,b,c,d,e,f,color,label'];
  for (let i = 0; i < 24; i++) csv.push([i, i % 3, i * 0.5, 7 - i, (i * i) % 5, i % 2, 1.5, i % 4 ? 'red' : 'blue', i % 2].join(','));
  const project = join(dir, 'two-inputs');
  writeFileSync(join(project, 'table.csv'), `${csv.join('\n')}\n`);
  writeFileSync(join(dir, 'three.json'), JSON.stringify([[1, 2, 3]]));
  [checked, [trained, predicted, wrongWidth]] = await Promise.all([
    run([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], dir),
    (async () => [
      await run(['--import', 'tsx', 'src/train.ts', '--fresh', '--epochs', '2'], project),
      // From another working directory: the project finds its model and data from its own folder.
      await run(['--import', 'tsx', join(project, 'src/predict.ts'), '3'], dir),
      await run(['--import', 'tsx', join(project, 'src/predict.ts'), '--input', join(dir, 'three.json')], dir),
    ])(),
  ]);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trained-model project', () => {
  it('pins the package versions installed in this repository', () => {
    for (const [name, version] of Object.entries(PINNED_VERSIONS)) {
      const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
      expect({ name, version }).toEqual({ name, version: installed });
    }
  });

  it('names the package after the model', () => {
    expect(packageName('XOR MLP')).toBe('xor-mlp');
    expect(packageName('  ÜBER net (v2) ')).toBe('ber-net-v2');
    expect(packageName('***')).toBe('netwright-model');
  });

  it('type-checks for every architecture and dataset kind with its own tsconfig', () => {
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.code).toBe(0);
  });

  it('trains a two-input model from scratch on a CSV file beside it and prints our summary', () => {
    expect(trained.stderr).toBe('');
    expect(trained.stdout).toContain('Starting from new random weights');
    expect(trained.stdout).toMatch(/^Data: table\.csv \(predicting "label", classification\): 18 training and 6 test samples$/m);
    for (const row of twoInputs.summary.layers) {
      expect(trained.stdout).toMatch(new RegExp(`^ *${row.name} \\(\\w+\\) +(\\[\\[null,\\d+\\],\\[null,\\d+\\]\\]|\\S+) +${JSON.stringify(row.outputShape).replace(/[[\]]/g, '\\$&')} +${row.params}\\b`, 'm'));
    }
    expect(trained.stdout).toContain(`Total params: ${twoInputs.summary.totalParams}`);
    expect(trained.stdout).toMatch(/^Saved the model to .*two-inputs\/model\/model\.json and weights\.bin$/m);
  });

  it('predicts with the saved two-input model, splitting each row between the inputs', () => {
    expect(predicted.code).toBe(0);
    const lines = predicted.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line.output).toHaveLength(2);
      expect(line.output[0] + line.output[1]).toBeCloseTo(1, 5);
      expect(line.predicted).toBe(line.output[0] >= line.output[1] ? 0 : 1);
      expect([0, 1]).toContain(line.label);
    }
    expect(predicted.stderr).toContain('Classes: 0, 1');
    expect(predicted.stderr).toMatch(/^\d of 3 predicted correctly/m);
  });

  it('says how many values a sample needs when an input file has the wrong width', () => {
    expect(wrongWidth.code).toBe(1);
    expect(wrongWidth.stdout).toBe('');
    expect(wrongWidth.stderr).toContain("the data has 3 values per sample but the model's inputs take 8 ([3] + [5])");
  });
});
