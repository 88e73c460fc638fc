/**
 * Helpers for tests that train in process, export the trained model and run
 * the exported project's scripts, comparing them with the app's own model.
 */
import { execFile } from 'node:child_process';
import { readFile, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { GraphDoc } from '../../../shared/document/schema.ts';
import type { ExportModelResult } from '../../../shared/protocol/training-api.ts';
import { trainInProcess } from '../../trainer/testing.ts';
import { exportTrainedModel } from './trained.ts';

const execFileAsync = promisify(execFile);

/** This repository, whose node_modules exported projects borrow. */
export const ROOT = resolve(import.meta.dirname, '../../../..');

export interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export async function run(command: string, args: readonly string[], cwd: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { cwd, timeout: 50_000, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? String(err), code: typeof e.code === 'number' ? e.code : -1 };
  }
}

export const tsx = (dir: string, script: string, ...args: string[]): Promise<Outcome> => run(process.execPath, ['--import', 'tsx', script, ...args], dir);
export const typeCheck = (dir: string): Promise<Outcome> => run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], dir);

export interface PredictLine {
  readonly index: number;
  readonly output: number[];
  readonly predicted: number | null;
  readonly label: number | null;
}

export function predictLines(stdout: string): PredictLine[] {
  return stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as PredictLine);
}

/** The app's side: the run's saved files loaded with tfjs, run on the same rows. */
export async function appOutputs(weightsDir: string, x: Float32Array, inputShape: readonly number[], count: number): Promise<number[][]> {
  const json = JSON.parse(await readFile(join(weightsDir, 'model.json'), 'utf8'));
  const bin = await readFile(join(weightsDir, 'weights.bin'));
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: new Uint8Array(bin).buffer }));
  const width = inputShape.reduce((a, b) => a * b, 1);
  const input = tf.tensor(x.slice(0, count * width), [count, ...inputShape]);
  const output = model.predict(input) as tf.Tensor;
  const values = await output.data();
  const w = values.length / count;
  tf.dispose([input, output]);
  model.dispose();
  return Array.from({ length: count }, (_, i) => Array.from(values.subarray(i * w, (i + 1) * w)));
}

/** Same rows, same widths, every value within 1e-5. */
export function expectClose(got: readonly number[][], want: readonly number[][]): void {
  expect(got.length).toBe(want.length);
  const worst = Math.max(...got.flatMap((row, i) => row.map((v, j) => Math.abs(v - want[i][j]))));
  expect(got.map((r) => r.length)).toEqual(want.map((r) => r.length));
  expect(worst).toBeLessThan(1e-5);
}

export async function trainAndSave(doc: GraphDoc, saveDir: string, baseDir = '.'): Promise<void> {
  const run = trainInProcess(doc, { backend: 'cpu' }, { baseDir, options: { saveDir, snapshotEvery: 0 } });
  const exit = await run.done;
  if (exit.reason !== 'completed') throw new Error(`training ended with ${exit.reason}: ${JSON.stringify(exit)}`);
}

/** Lets the exported project resolve its packages from this repository's node_modules, as `npm install` would. */
export async function exportHere(doc: GraphDoc, weightsDir: string, dir: string, projectDir: string | null = null): Promise<ExportModelResult> {
  const result = await exportTrainedModel({ doc, weightsDir, dir, projectDir });
  if (result.ok) await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return result;
}
