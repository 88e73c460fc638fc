export { exportTypeScript, generateTypeScriptFor } from './typescript.ts';
