import { defineConfig } from 'vitest/config';

// Unit tests sit next to the code they test. Vitest shares Vite's transform
// pipeline with the renderer build, so TypeScript and Svelte need no extra step.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
