export { generateTypeScript, type GenerateOptions } from './typescript.ts';
