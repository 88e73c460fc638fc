export { generateDataset } from './generate.ts';
export {
  BUILTIN_CLASSES,
  BUILTIN_SETS,
  BUILTIN_SIDE,
  describeBuiltin,
  describeGenerated,
  FASHION_CLASS_NAMES,
  generatedFeatureNames,
  type BuiltinName,
  type BuiltinRef,
  type GeneratedRef,
} from './describe.ts';
export { GENERATORS, PLANE, SCALE_2D, type GeneratedName, type GeneratorSpec } from './generators.ts';
export { FEATURES, type DerivedFeature } from './features.ts';
export { createRandom, mulberry32, shuffledIndices, type Random } from './random.ts';
