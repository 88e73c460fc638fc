/** Export TypeScript: compile the document and hand the spec to the shared code generator. */
import { basename } from 'node:path';
import { generateTypeScript } from '../../../shared/codegen/index.ts';
import { compile } from '../../../shared/compile/index.ts';
import type { GraphDoc } from '../../../shared/document/index.ts';
import type { GenerateResult, WriteResult } from '../../../shared/protocol/api.ts';
import type { SearchRecord } from '../../../shared/protocol/search-api.ts';
import { exportPlan } from '../../../shared/search/export.ts';
import { writeTextFile } from '../projects/project-files.ts';
import { dataModuleSources } from './data-modules.ts';

/**
 * `fileName` appears in the program's run instructions ("npx tsx model.ts").
 * A project with a search exports the best configuration among `searches`
 * (the host's search records), or the canvas's while none has scored.
 */
export function generateTypeScriptFor(project: GraphDoc, fileName = 'model.ts', searches: readonly SearchRecord[] = []): GenerateResult {
  const { doc, note } = exportPlan(project, searches);
  const compiled = compile(doc);
  if (!compiled.ok) {
    const errors = compiled.diagnostics.map((d) => d.message);
    const shown = errors.slice(0, 5).join('\n');
    const more = errors.length > 5 ? `\n…and ${errors.length - 5} more` : '';
    return { ok: false, message: `The network has ${errors.length === 1 ? 'an error' : `${errors.length} errors`} to fix before it can be exported:\n${shown}${more}` };
  }
  return { ok: true, code: generateTypeScript(compiled.spec, { source: JSON.stringify(doc.meta.name || 'Untitled'), fileName, dataModules: dataModuleSources(), note }) };
}

export async function exportTypeScript(doc: GraphDoc, path: string, searches: readonly SearchRecord[] = []): Promise<WriteResult> {
  const generated = generateTypeScriptFor(doc, basename(path), searches);
  if (!generated.ok) return generated;
  return writeTextFile(path, generated.code);
}
