export { analyze, defaultNames } from './analyze.ts';
export { topoSort } from './graph.ts';
export { formatSummary } from './summary.ts';
export type * from './types.ts';
export { estimateTrainingMemory, formatBytes, judgeMemory, MEMORY_WARNING_SHARE, type MemoryEstimate, type MemoryVerdict } from './memory.ts';
