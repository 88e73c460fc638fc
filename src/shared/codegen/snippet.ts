/**
 * A piece of the generated program: source text plus the Node imports it
 * needs. Sections are assembled in order and their imports merged, so a
 * program only imports what its dataset and options use.
 */
export interface Snippet {
  /** Whole import lines, e.g. `import * as zlib from 'node:zlib';` */
  readonly imports?: readonly string[];
  readonly code: string;
}

export const NODE_IMPORTS = {
  fs: "import * as fs from 'node:fs';",
  path: "import * as path from 'node:path';",
  module: "import { createRequire } from 'node:module';",
} as const;

/** Imports of all snippets, each once, in first-use order. */
export function mergeImports(snippets: readonly Snippet[]): string[] {
  return [...new Set(snippets.flatMap((s) => s.imports ?? []))];
}

/** A section comment that makes the generated file easy to scan. */
export function sectionTitle(title: string): string {
  return `// ── ${title} ${'─'.repeat(Math.max(4, 72 - title.length))}`;
}

/** Indents every non-empty line of `text`. */
export function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}
