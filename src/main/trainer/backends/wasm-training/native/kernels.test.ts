/**
 * kernels-wasm.ts is what scripts/build-wasm-kernels.mjs makes of kernels.c
 * today, byte for byte, and each build uses no memory of its own. Needs
 * clang, lld and llvm (CI installs them); without them there is nothing to
 * compile with, and the test says so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../../../../scripts/build-wasm-kernels.mjs', import.meta.url));
const hasClang = spawnSync('clang', ['--version'], { stdio: 'ignore' }).status === 0 && spawnSync('wasm-ld', ['--version'], { stdio: 'ignore' }).status === 0;

describe('the committed wasm kernels', () => {
  it.skipIf(!hasClang)('match a fresh build of kernels.c (needs clang and lld: apt-get install clang lld llvm)', () => {
    const out = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(out).toContain('kernels-wasm.ts matches kernels.c');
  });
});
