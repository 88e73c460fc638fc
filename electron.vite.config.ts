import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { readDataModules } from './src/main/services/export/data-modules.ts';
import { buildTrainerPage } from './src/main/trainer/page/build.ts';

// The desktop app: main process (ESM), preload (CommonJS, since sandboxed
// preloads cannot be ES modules) and the renderer. vite.web.config.ts builds
// the same renderer for browser mode.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * index.html carries the browser-mode policy, which must allow a WebSocket back
 * to `netwright serve`. The desktop page talks over IPC only, so its copy
 * allows no connections beyond its own files.
 */
function desktopCsp(): Plugin {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return {
    name: 'netwright-desktop-csp',
    apply: 'build',
    transformIndexHtml(html) {
      const out = html.replace(/(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/, `$1${policy}$2`);
      if (out === html) throw new Error('src/renderer/index.html has no Content-Security-Policy meta tag to tighten');
      return out;
    },
  };
}

/** The GPU trainer page (src/main/trainer/page) is bundled by esbuild, beside the main build. */
function trainerPage(): Plugin {
  return {
    name: 'netwright-trainer-page',
    apply: 'build',
    async closeBundle() {
      await buildTrainerPage(here('out/trainer-page'));
    },
  };
}

export default defineConfig({
  main: {
    plugins: [trainerPage()],
    // Exports carry the app's data modules; the built app has no src/ to read them from, so their text is embedded.
    define: { __NETWRIGHT_DATA_MODULES__: JSON.stringify(readDataModules(here('.'))) },
    build: {
      outDir: here('out/main'),
      externalizeDeps: true,
      // The trainer process is its own entry: the app forks out/main/trainer.js for each run.
      rollupOptions: { input: { index: here('src/main/app/main.ts'), trainer: here('src/main/trainer/child.ts') } },
    },
  },
  preload: {
    build: {
      outDir: here('out/preload'),
      // Sandboxed preloads get no require() of their own modules: everything goes in one file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: here('src/main/app/preload.ts'), trainer: here('src/main/app/trainer-preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('src/renderer'),
    base: './',
    plugins: [svelte(), desktopCsp()],
    build: {
      outDir: here('out/renderer'),
      rollupOptions: { input: here('src/renderer/index.html') },
    },
  },
});
