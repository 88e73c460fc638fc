#!/usr/bin/env node
// `npm start`: build the desktop app and launch it. On machines installed
// without the Electron binary (ELECTRON_SKIP_BINARY_DOWNLOAD, CI, servers) it
// says so in one line and points at browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const binary = electronBinary();
if (!binary) {
  console.error('netwright: the Electron binary is not installed, so the desktop app cannot start; run `npm run serve` to use Netwright in your browser instead.');
  process.exit(1);
}

const build = spawnSync(process.execPath, [fileURLToPath(new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url)), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
