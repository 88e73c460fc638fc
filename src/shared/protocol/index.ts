export type * from './datasets.ts';
export * from './api.ts';
export * from './api-args.ts';
export * from './trainer.ts';
export type * from './training-api.ts';
