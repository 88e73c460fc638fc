export * from './schema.ts';
export * from './parse.ts';
export * from './ids.ts';
export { migrate, MIGRATIONS } from './migrations.ts';
export type { Issue } from './validate.ts';
export { GraphBuilder } from './builder.ts';
export { checkParams } from './check-params.ts';
export { projectJsonSchema } from './json-schema.ts';
