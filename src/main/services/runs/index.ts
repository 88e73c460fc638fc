export { TrainingService, cannotTrainMessage, RECORD_INTERVAL_MS, type TrainingServiceOptions } from './service.ts';
export { RunStore, ORPHAN_MESSAGE, RECORD_FILE, MODEL_DIR } from './store.ts';
export { ModelCache } from './predict.ts';
