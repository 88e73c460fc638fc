export { analyze, defaultNames } from './analyze.ts';
export { topoSort } from './graph.ts';
export { formatSummary } from './summary.ts';
export type * from './types.ts';
