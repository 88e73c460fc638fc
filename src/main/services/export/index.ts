export { exportTypeScript, generateTypeScriptFor } from './typescript.ts';
export { exportTrainedModel, type ExportTrainedOptions } from './trained.ts';
