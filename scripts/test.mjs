#!/usr/bin/env node
// `npm test`: lint, type checks, unit tests, end-to-end tests — in that order,
// stopping at the first failing stage — then one closing line with the counts
// ("N passed, N failed") that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('artifacts', { recursive: true });
// Counts from an earlier run must not leak into this one.
for (const f of ['artifacts/vitest.json', 'artifacts/playwright.json']) rmSync(f, { force: true });
const stages = [
  ['lint', 'npx', ['eslint', '.']],
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['typecheck renderer', 'npx', ['svelte-check', '--tsconfig', 'src/renderer/tsconfig.json', '--fail-on-warnings', '--output', 'human']],
  ['unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=artifacts/vitest.json']],
  ['e2e', 'node', ['scripts/e2e.mjs']],
];
const only = process.argv.slice(2);
let failedStage = null;
for (const [name, cmd, args] of stages) {
  if (only.length && !only.includes(name.split(' ')[0])) continue;
  const t = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  console.log(`◀ ${name}: ${r.status === 0 ? 'ok' : `failed (exit ${r.status ?? r.signal})`} in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  if (r.status !== 0) {
    failedStage = name;
    break;
  }
}

let passed = 0;
let failed = 0;
if (existsSync('artifacts/vitest.json')) {
  const v = JSON.parse(readFileSync('artifacts/vitest.json', 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
}
if (existsSync('artifacts/playwright.json')) {
  const s = JSON.parse(readFileSync('artifacts/playwright.json', 'utf8')).stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
}
if (failedStage && failed === 0) failed = 1;
console.log(`\ntests: ${passed} passed, ${failed} failed${failedStage ? ` (stage "${failedStage}" failed)` : ''}`);
process.exit(failedStage ? 1 : 0);
