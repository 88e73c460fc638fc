export { compile, type CompileResult } from './compile.ts';
export type * from './spec.ts';
