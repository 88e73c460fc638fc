#!/usr/bin/env node
// `npm run test:e2e [-- playwright args]`: build the UI the tests will load,
// then run Playwright. Browser mode needs out/web (served by `netwright
// serve`); when the Electron binary is installed the fixture launches the
// desktop app instead, so that build is made too.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (path) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));

function run(title, args) {
  const started = Date.now();
  console.log(`e2e: ${title}…`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`e2e: ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  console.log(`e2e: ${title} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

mkdirSync(fileURLToPath(new URL('../artifacts', import.meta.url)), { recursive: true });
run('building the web UI (vite build --config vite.web.config.ts)', [bin('vite/bin/vite.js'), 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn']);
if (electronBinary()) run('building the desktop app (electron-vite build)', [bin('electron-vite/bin/electron-vite.js'), 'build']);

const result = spawnSync(process.execPath, [bin('@playwright/test/cli.js'), 'test', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
