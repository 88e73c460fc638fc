export { generateDataset, generatedFeatureNames, type GeneratedRef } from './generate.ts';
export { GENERATORS, PLANE, SCALE_2D, type GeneratedName, type GeneratorSpec } from './generators.ts';
export { FEATURES, type DerivedFeature } from './features.ts';
export { createRandom, mulberry32, shuffledIndices, type Random } from './random.ts';
