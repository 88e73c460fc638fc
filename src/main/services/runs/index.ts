export { TrainingService, cannotTrainMessage, RECORD_INTERVAL_MS, type TrainingServiceOptions } from './service.ts';
export { RunStore, ORPHAN_MESSAGE, RECORD_FILE, MODEL_DIR } from './store.ts';
export { RunRecorder, summaryOf } from './recorder.ts';
export { BatchCurve, MAX_BATCH_POINTS, mergePoints } from './batch-curve.ts';
export { ModelCache } from './predict.ts';
export { newRunId, isRunId } from './ids.ts';
