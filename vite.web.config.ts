import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The renderer alone, for browser mode (`netwright serve`) and the end-to-end
// tests. electron.vite.config.ts builds the same renderer for the desktop app.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [svelte()],
  build: { outDir: '../../out/web', emptyOutDir: true, sourcemap: true },
});
