/**
 * docs/architecture.md stays true: every repository path it names exists and
 * every code name it quotes still occurs in the sources. Rename a function or
 * move a file and this fails until the page follows.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const PAGE = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
const quoted = [...PAGE.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.(ts|svelte|mjs|js)$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('docs/architecture.md', () => {
  it('names only paths that exist', () => {
    // Globs name the folder before the first wildcard; src/netwright/ is inside exported projects, not here.
    const paths = quoted
      .filter((q) => /^(src|e2e|bench|bin|scripts|docs)\//.test(q) && !q.startsWith('src/netwright/'))
      .map((q) => q.replace(/[{*].*$/, ''));
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it('quotes only code names the sources still have', () => {
    const names = [...new Set(quoted.flatMap((q) => q.replace(/\(.*\)$/, '').split(/[.,]\s*/)).filter((q) => /^[A-Za-z_]\w*$/.test(q) && /[A-Z_]/.test(q)))];
    const text = [join(ROOT, 'src'), join(ROOT, 'e2e'), join(ROOT, 'bench')].flatMap(sources).join('\n');
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((n) => !new RegExp(`\\b${n}\\b`).test(text))).toEqual([]);
  });
});
