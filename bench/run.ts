/**
 * `npm run bench [name…] [options]`: runs the named benchmarks (default:
 * analysis), passing the options to each.
 * Benchmarks print figures; they are not tests and assert nothing about speed.
 */
import { spawnSync } from 'node:child_process';

const BENCHES: Record<string, string> = {
  analysis: 'bench/analysis.ts',
  engine: 'bench/engine.ts',
  editor: 'bench/editor.ts',
  page: 'bench/page.ts',
  search: 'bench/search.ts',
};

// Names come first; everything from the first option on goes to each benchmark (`engine --backend wasm --profile`).
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const names = firstOption < 0 ? args : args.slice(0, firstOption);
const extra = firstOption < 0 ? [] : args.slice(firstOption);
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
