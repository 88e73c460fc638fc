import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The renderer alone, for browser mode (`netwright serve`) and the end-to-end
// tests. electron.vite.config.ts builds the same renderer for the desktop app.
// Paths are anchored to this file so that `netwright serve` can build it from
// any working directory.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('src/renderer'),
  base: './',
  plugins: [svelte()],
  build: { outDir: here('out/web'), emptyOutDir: true, sourcemap: true },
});
