export type * from './datasets.ts';
