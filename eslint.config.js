// Import boundaries from ARCHITECTURE.md, enforced here so that a wrong import
// fails `npm run lint` instead of surfacing as a packaging bug later.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import svelteParser from 'svelte-eslint-parser';

const runtimeOnlyInTests = ['electron', 'svelte', 'svelte/*', '@tensorflow/*', 'node:*', 'fs', 'path', 'os', 'child_process', 'ws'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'artifacts/', 'test-results/', '.gpu/', 'docs/', '.netwright-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core: pure TypeScript that depends on nothing of ours and no runtime platform.
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: runtimeOnlyInTests, message: 'src/shared is framework-free: no electron, svelte, tfjs or Node built-ins at run time.', allowTypeImports: true },
          { group: ['**/main/**', '**/renderer/**', '../../main/*', '../../renderer/*'], message: 'src/shared depends on nothing of ours.' },
        ],
      }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/app/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'Only src/main/app may import electron; services run in serve and the CLI too.' },
          { group: ['**/renderer/**'], message: 'src/main never imports the renderer.' },
        ],
      }],
    },
  },
  {
    // The GPU trainer page runs in Chromium: the trainer core and browser APIs only (build.ts bundles it, in Node).
    files: ['src/main/trainer/page/**/*.ts'],
    ignores: ['src/main/trainer/page/build.ts', 'src/main/trainer/page/**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'child_process', '@tensorflow/tfjs-node*', 'webgpu'], message: 'The trainer page runs in Chromium: no Node modules.', allowTypeImports: true },
          { group: ['**/services/**', '**/node-*', '**/save.ts', '**/backends/node-rungs.ts', '**/backends/tensorflow.ts', '**/backends/wasm.ts', '**/backends/webgpu.ts'], message: 'The trainer page reaches files only through its host (bridge.ts).', allowTypeImports: true },
          { group: ['electron', 'electron/*', '**/renderer/**'], message: 'Only src/main/app may import electron, and src/main never imports the renderer.' },
        ],
      }],
    },
  },
  {
    // Components hold most of the renderer's code, so their imports obey the same boundaries;
    // svelte-eslint-parser hands each <script lang="ts"> to the TypeScript parser.
    files: ['**/*.svelte'],
    languageOptions: { parser: svelteParser, parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', '../../main/*'], message: 'The renderer talks to the host only through src/renderer/src/lib/api.ts.' },
          { group: ['electron', 'node:*', '@tensorflow/tfjs-node*'], message: 'The renderer runs sandboxed: no electron or Node modules.' },
        ],
      }],
    },
  },
);
