import type { Diagnostic } from '../../shared/analysis/index.ts';

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.severity}: ${d.message}`).join('\n');
}
