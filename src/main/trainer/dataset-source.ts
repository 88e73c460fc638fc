/** The start command's dataset as arrays: a reference the datasets service loads, or arrays sent inline. */
import type { DatasetRef } from '../../shared/document/schema.ts';
import type { LoadedDataset } from '../../shared/protocol/datasets.ts';
import type { InlineDataset } from '../../shared/protocol/trainer.ts';

/** `seed` is the run's training seed: CSV and image-folder sets split train/test with it, as the exported code does. */
export type DatasetLoader = (ref: DatasetRef, baseDir: string, onProgress: (fraction: number, message: string) => void, seed: number) => Promise<LoadedDataset>;

export function fromInline(d: InlineDataset): LoadedDataset {
  const f = (a: readonly number[]) => Float32Array.from(a);
  const expect = (name: string, a: readonly number[], rows: number, width: number) => {
    if (a.length !== rows * width) throw new Error(`inline dataset: ${name} has ${a.length} values, expected ${rows} × ${width}`);
  };
  const xw = d.info.inputShape.reduce((a, b) => a * b, 1);
  expect('xTrain', d.xTrain, d.info.trainCount, xw);
  expect('yTrain', d.yTrain, d.info.trainCount, d.info.targetSize);
  expect('xTest', d.xTest, d.info.testCount, xw);
  expect('yTest', d.yTest, d.info.testCount, d.info.targetSize);
  return { info: d.info, xTrain: f(d.xTrain), yTrain: f(d.yTrain), xTest: f(d.xTest), yTest: f(d.yTest) };
}

export function resolveDataset(
  dataset: DatasetRef | InlineDataset,
  baseDir: string,
  loader: DatasetLoader,
  onProgress: (fraction: number, message: string) => void,
  seed: number,
): Promise<LoadedDataset> {
  return dataset.kind === 'inline' ? Promise.resolve(fromInline(dataset)) : loader(dataset, baseDir, onProgress, seed);
}
