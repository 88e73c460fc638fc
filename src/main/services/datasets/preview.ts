/**
 * What the data panel shows before training (DatasetPreview): a grid of the
 * first training images, a scatter of a generated set's raw x1/x2 points, or
 * a CSV's first rows with column figures. Each kind reads only what it shows
 * where the loader allows it (built-in sets: a 32-image subset), so a preview
 * comes back quickly. Failures are DatasetErrors with the loader's message
 * (file, line), which the host passes on as `{ ok: false, message }`.
 */
import { isAbsolute, resolve } from 'node:path';
import type { DatasetRef } from '../../../shared/document/schema.ts';
import type { LoadedDataset } from '../../../shared/protocol/datasets.ts';
import type { DatasetPreview, DatasetPreviewResult, PreviewPoint } from '../../../shared/protocol/training-api.ts';
import { generateDataset, GENERATORS } from '../../../shared/datasets/index.ts';
import { DatasetError } from './errors.ts';
import { describeDataset, isDatasetError, loadDataset, previewCsv } from './index.ts';

export const PREVIEW_IMAGES = 32;
export const PREVIEW_TRAIN_POINTS = 1000;
export const PREVIEW_TEST_POINTS = 500;
export const PREVIEW_ROWS = 20;

export interface PreviewOptions {
  /** Folder that relative paths are read from: the project file's folder. */
  readonly baseDir: string;
}

/** Pixels as bytes: loaders scale 8-bit images to 0–1; other value ranges are stretched to fit. */
function toBytes(values: Float32Array): number[] {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const scale = max <= 1 ? 255 : 255 / max;
  return Array.from(values, (v) => Math.max(0, Math.min(255, Math.round(v * scale))));
}

function imagePreview(data: LoadedDataset, info: LoadedDataset['info']): DatasetPreview {
  const [height = 1, width = 1, channels = 1] = data.info.inputShape;
  const size = height * width * channels;
  const count = Math.min(PREVIEW_IMAGES, data.info.trainCount, Math.floor(data.xTrain.length / size));
  const samples = Array.from({ length: count }, (_, i) => ({
    pixels: toBytes(data.xTrain.subarray(i * size, (i + 1) * size)),
    label: data.yTrain[i],
  }));
  return { kind: 'images', info, width, height, channels, samples };
}

function pointsPreview(ref: Extract<DatasetRef, { kind: 'generated' }>): DatasetPreview {
  const data = generateDataset(ref);
  const spec = GENERATORS[ref.name];
  // Derived features follow the raw columns, so x1 (and x2) are the first one or two of every row.
  const width = data.info.inputShape[0];
  const points = (x: Float32Array, y: Float32Array, limit: number): PreviewPoint[] =>
    Array.from({ length: Math.min(limit, y.length) }, (_, i) => ({
      x: x[i * width],
      y: spec.inputs === 2 ? x[i * width + 1] : y[i],
      label: y[i],
    }));
  const axes: [string, string] = spec.inputs === 2 ? ['x1', 'x2'] : ['x', 'y'];
  return {
    kind: 'points',
    info: data.info,
    axes,
    train: points(data.xTrain, data.yTrain, PREVIEW_TRAIN_POINTS),
    test: points(data.xTest, data.yTest, PREVIEW_TEST_POINTS),
  };
}

export async function buildPreview(ref: DatasetRef, options: PreviewOptions): Promise<DatasetPreview> {
  switch (ref.kind) {
    case 'generated':
      try {
        return pointsPreview(ref);
      } catch (err) {
        // The generator refuses impossible feature choices (x2² on a one-input set) with a sentence meant for the user.
        throw new DatasetError((err as Error).message, {}, { cause: err });
      }
    case 'builtin': {
      const info = await describeDataset(ref);
      // The labels are wanted even for an autoencoder, whose targets are the images themselves.
      const data = await loadDataset({ ...ref, autoencode: false, trainSubset: PREVIEW_IMAGES, testSubset: 1 });
      return imagePreview(data, info);
    }
    case 'cifar10': {
      const info = await describeDataset(ref, { baseDir: options.baseDir });
      const data = await loadDataset({ ...ref, trainSubset: PREVIEW_IMAGES, testSubset: 1 }, { baseDir: options.baseDir });
      return imagePreview(data, info);
    }
    case 'idx':
    case 'images': {
      const data = await loadDataset(ref, { baseDir: options.baseDir });
      return imagePreview(data, data.info);
    }
    case 'csv': {
      const path = isAbsolute(ref.path) ? ref.path : resolve(options.baseDir, ref.path);
      // A file that is not a table at all fails here; one that is a table but does not fit the settings still shows, with the problem.
      const table = await previewCsv({ path }, { rows: PREVIEW_ROWS });
      const described = await describeDataset(ref, { baseDir: options.baseDir }).then(
        (info) => ({ info, problem: null }),
        (err: unknown) => {
          if (isDatasetError(err)) return { info: null, problem: err.message };
          throw err;
        },
      );
      return { kind: 'table', ...described, name: table.name, headers: table.headers, rows: table.rows, rowCount: table.rowCount, columns: table.columns };
    }
    default:
      throw new Error(`unknown dataset kind ${(ref satisfies never as { kind: string }).kind}`);
  }
}

/** buildPreview with dataset errors as the `{ ok: false }` the data panel shows. */
export async function previewDataset(ref: DatasetRef, options: PreviewOptions): Promise<DatasetPreviewResult> {
  try {
    return { ok: true, preview: await buildPreview(ref, options) };
  } catch (err) {
    if (isDatasetError(err)) return { ok: false, message: err.message };
    throw err;
  }
}
