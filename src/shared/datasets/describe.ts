/**
 * What a built-in or generated dataset is, without reading or generating a
 * single sample: its shape, classes and sizes follow from the reference. The
 * host's loaders, the run service's start-up check and the data panel's
 * instant shape check all describe these sets through here.
 */
import type { DatasetRef } from '../document/schema.ts';
import type { DatasetInfo } from '../protocol/datasets.ts';
import { featureNames } from './features.ts';
import { GENERATORS } from './generators.ts';

export type BuiltinRef = Extract<DatasetRef, { kind: 'builtin' }>;
export type BuiltinName = BuiltinRef['name'];
export type GeneratedRef = Extract<DatasetRef, { kind: 'generated' }>;

/** Built-in images are 28×28 grey, ten classes. */
export const BUILTIN_SIDE = 28;
export const BUILTIN_CLASSES = 10;

export const FASHION_CLASS_NAMES: readonly string[] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const DIGIT_NAMES: readonly string[] = Array.from({ length: BUILTIN_CLASSES }, (_, i) => String(i));

/** Each built-in set: its name for people and how many images each split holds. */
export const BUILTIN_SETS: { readonly [N in BuiltinName]: { readonly title: string; readonly train: number; readonly test: number } } = {
  mnist: { title: 'MNIST', train: 60_000, test: 10_000 },
  'fashion-mnist': { title: 'Fashion-MNIST', train: 60_000, test: 10_000 },
};

const count = (n: number) => n.toLocaleString('en-US');

function subsetSize(all: number, subset: number | undefined): number {
  return subset === undefined ? all : Math.max(1, Math.min(all, Math.floor(subset)));
}

export function describeBuiltin(ref: BuiltinRef): DatasetInfo {
  const set = BUILTIN_SETS[ref.name];
  const trainCount = subsetSize(set.train, ref.trainSubset);
  const testCount = subsetSize(set.test, ref.testSubset);
  const title = `${set.title}${ref.autoencode ? ' autoencoder' : ''} (${count(trainCount)} training, ${count(testCount)} test images)`;
  const common = { title, inputShape: [BUILTIN_SIDE, BUILTIN_SIDE], trainCount, testCount, isImage: true };
  return ref.autoencode
    ? { ...common, task: 'regression', numClasses: 0, targetSize: BUILTIN_SIDE * BUILTIN_SIDE }
    : { ...common, task: 'classification', numClasses: BUILTIN_CLASSES, classNames: ref.name === 'mnist' ? DIGIT_NAMES : FASHION_CLASS_NAMES, targetSize: 1 };
}

/** The input columns a generated set will have, e.g. ["x1", "x2", "x1²"]; the Input layer's shape is [length]. Throws a message for features the set cannot have. */
export function generatedFeatureNames(ref: GeneratedRef): string[] {
  const spec = GENERATORS[ref.name];
  return featureNames(spec.title, spec.inputs, ref.features ?? []);
}

/** Throws, like generatedFeatureNames, for features the set cannot have. */
export function describeGenerated(ref: GeneratedRef): DatasetInfo {
  const spec = GENERATORS[ref.name];
  const names = generatedFeatureNames(ref);
  const n = ref.samples;
  const trainCount = Math.min(n, Math.max(1, Math.round(n * ref.trainRatio)));
  return {
    title: `${spec.title} (${count(n)} points${ref.noise > 0 ? `, noise ${ref.noise}` : ''})`,
    task: spec.task,
    inputShape: [names.length],
    numClasses: spec.task === 'classification' ? 2 : 0,
    ...(spec.classNames ? { classNames: spec.classNames } : {}),
    featureNames: names,
    targetSize: 1,
    trainCount,
    testCount: n - trainCount,
    isImage: false,
  };
}
