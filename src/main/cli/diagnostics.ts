import type { Diagnostic } from '../../shared/analysis/index.ts';
import { printable } from '../../shared/document/index.ts';

/** One line per diagnostic; layer names inside messages come from the file, so their control characters are escaped. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.severity}: ${printable(d.message)}`).join('\n');
}
