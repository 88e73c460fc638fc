/**
 * What the renderer can say about a dataset without asking the host: the
 * built-in sets have fixed shapes and generated sets are described by their
 * generator, so the shape check answers at once while the preview loads.
 * Files (CSV, IDX, image folders) need the host's preview to be known.
 */
import type { DatasetRef } from '../../../../../shared/document/index.ts';
import { GENERATORS, generatedFeatureNames } from '../../../../../shared/datasets/index.ts';
import type { DatasetInfo } from '../../../../../shared/protocol/index.ts';

/** The builtin loader's figures (src/main/services/datasets/builtin.ts), which the renderer may not import. */
const BUILTIN = {
  mnist: { title: 'MNIST', train: 60_000, test: 10_000, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
  'fashion-mnist': {
    title: 'Fashion-MNIST',
    train: 60_000,
    test: 10_000,
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  },
} as const;

const SIDE = 28;

/** The name a person calls the set by, for messages: "MNIST", "XOR", "iris.csv". */
export function datasetName(ref: DatasetRef): string {
  switch (ref.kind) {
    case 'builtin':
      return BUILTIN[ref.name].title;
    case 'generated':
      return GENERATORS[ref.name].title;
    case 'csv':
      return baseName(ref.path);
    case 'idx':
      return baseName(ref.trainImages);
    case 'images':
      return baseName(ref.folder);
    default: {
      const never: never = ref;
      throw new Error(`unknown dataset kind ${JSON.stringify(never)}`);
    }
  }
}

export function baseName(path: string): string {
  return path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || path;
}

export type KnownInfo = { readonly ok: true; readonly info: DatasetInfo } | { readonly ok: false; readonly message: string };

/** The description of a built-in or generated set, null for file-based sets (ask the host), or why the settings cannot work. */
export function knownInfo(ref: DatasetRef): KnownInfo | null {
  switch (ref.kind) {
    case 'builtin': {
      const b = BUILTIN[ref.name];
      const trainCount = Math.min(b.train, ref.trainSubset ?? b.train);
      const testCount = Math.min(b.test, ref.testSubset ?? b.test);
      const common = { title: b.title, inputShape: [SIDE, SIDE], trainCount, testCount, isImage: true } as const;
      return ref.autoencode
        ? { ok: true, info: { ...common, task: 'regression', numClasses: 0, targetSize: SIDE * SIDE } }
        : { ok: true, info: { ...common, task: 'classification', numClasses: 10, classNames: b.classNames, targetSize: 1 } };
    }
    case 'generated': {
      const spec = GENERATORS[ref.name];
      let featureNames: string[];
      try {
        featureNames = generatedFeatureNames(ref);
      } catch (e) {
        return { ok: false, message: (e as Error).message };
      }
      const trainCount = Math.min(ref.samples, Math.max(1, Math.round(ref.samples * ref.trainRatio)));
      return {
        ok: true,
        info: {
          title: spec.title,
          task: spec.task,
          inputShape: [featureNames.length],
          numClasses: spec.task === 'classification' ? 2 : 0,
          ...(spec.classNames ? { classNames: spec.classNames } : {}),
          featureNames,
          targetSize: 1,
          trainCount,
          testCount: ref.samples - trainCount,
          isImage: false,
        },
      };
    }
    case 'csv':
    case 'idx':
    case 'images':
      return null;
    default: {
      const never: never = ref;
      throw new Error(`unknown dataset kind ${JSON.stringify(never)}`);
    }
  }
}
