/**
 * "Explain a step" (learning mode): one training step of a tiny dense network
 * worked out in plain numbers, for the network view to show stage by stage.
 */
export type { ExplainLayer, ExplainNet, ExplainStage, LayerTrace, LayerWeights, StepTrace } from './types.ts';
export { explainable, MAX_EXPLAINED_WEIGHTS, type Explainable } from './explainable.ts';
export { forwardBackward, activationExplained } from './forward-backward.ts';
export { explainStages, describeStage, formatNumber } from './describe.ts';
export { EPSILON, EXPLAINED_LOSSES, lossAndGradient } from './losses.ts';
export { exampleWeights } from './weights.ts';
