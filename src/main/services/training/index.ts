export { TrainingHost, type StartRequest, type TrainingHostOptions } from './host.ts';
export { TrainingRun } from './run.ts';
export { describeExit } from './exit-description.ts';
export { isRunId, newRunId } from './ids.ts';
