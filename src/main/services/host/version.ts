import { readFileSync } from 'node:fs';

/** Netwright's version from package.json, read once when asked (the bundled Electron main has no JSON import). */
export function hostVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
