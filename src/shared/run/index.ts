export { applyEvent } from './apply.ts';
export { isEnded, type RunPhase } from './phase.ts';
export { planRun, type RunOverrides, type RunPlan } from './start.ts';
export * from './state.ts';
export { thinItems, thinned, thinPush, type Thinned } from './thin.ts';
export { mergeBatches, mergeEpochs, mergeSpans, newestFrame } from './merge.ts';
export { alertsByNode, batchesPerEpoch, testFigures } from './views.ts';
export { summaryOf } from './summary.ts';
export { fromRecordV1, isRecordV1, type RecordV1 } from './migrate.ts';
