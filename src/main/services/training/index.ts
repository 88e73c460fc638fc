export { TrainingHost, type StartRequest, type TrainingHostOptions } from './host.ts';
export { TrainingRun, type RunDigest, type RunState } from './run.ts';
export { describeExit } from './exit-description.ts';
