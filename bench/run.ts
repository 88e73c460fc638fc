/**
 * `npm run bench [name…]`: runs the named benchmarks (default: analysis).
 * Benchmarks print figures; they are not tests and assert nothing about speed.
 */
import { spawnSync } from 'node:child_process';

const BENCHES: Record<string, string> = {
  analysis: 'bench/analysis.ts',
  engine: 'bench/engine.ts',
  editor: 'bench/editor.ts',
  page: 'bench/page.ts',
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const extra = process.argv.slice(2).filter((a) => a.startsWith('-'));
for (const name of names.length ? names : ['analysis']) {
  const file = BENCHES[name];
  if (!file) {
    console.error(`unknown benchmark ${name}; choose from ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== ${name} ==`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...extra], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
