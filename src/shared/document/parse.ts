/**
 * Untrusted text → GraphDoc. Never throws: every problem comes back with the
 * path of the field, so the UI and the CLI can say exactly what is wrong.
 */
import { migrate } from './migrations.ts';
import { graphDoc, type GraphDoc } from './schema.ts';
import type { Issue } from './validate.ts';

export type ParseResult =
  | { readonly ok: true; readonly doc: GraphDoc; readonly migrated: readonly string[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Formats issues as lines like `nodes[3].params.units: expected a positive integer, got "ten"`. */
export function formatIssues(issues: readonly Issue[], limit = 20): string {
  const lines = issues.slice(0, limit).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  if (issues.length > limit) lines.push(`…and ${issues.length - limit} more`);
  return lines.join('\n');
}

export function parseDocument(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, issues: [{ path: '', message: `not valid JSON (${(err as Error).message})` }] };
  }
  return validateDocument(json);
}

export function validateDocument(json: unknown): ParseResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, issues: [{ path: '', message: 'expected a Netwright project (a JSON object)' }] };
  }
  const record = json as Record<string, unknown>;
  if (record.format !== 'netwright-project') {
    return {
      ok: false,
      issues: [{ path: 'format', message: `expected "netwright-project", got ${JSON.stringify(record.format) ?? 'nothing'}: this is not a Netwright project file` }],
    };
  }
  const migrated = migrate(record);
  if (!migrated.ok) return { ok: false, issues: [{ path: '', message: migrated.message }] };
  const issues: Issue[] = [];
  const doc = graphDoc.check(migrated.doc, '', issues);
  if (!doc || issues.length) return { ok: false, issues };
  const structural = checkReferences(doc);
  if (structural.length) return { ok: false, issues: structural };
  return { ok: true, doc, migrated: migrated.applied };
}

/** Ids must be unique and edges must point at nodes that exist; anything subtler is analysis' job. */
function checkReferences(doc: GraphDoc): Issue[] {
  const issues: Issue[] = [];
  const ids = new Set<string>();
  doc.nodes.forEach((n, i) => {
    if (ids.has(n.id)) issues.push({ path: `nodes[${i}].id`, message: `duplicate id ${JSON.stringify(n.id)}` });
    ids.add(n.id);
  });
  const edgeIds = new Set<string>();
  doc.edges.forEach((e, i) => {
    if (edgeIds.has(e.id)) issues.push({ path: `edges[${i}].id`, message: `duplicate id ${JSON.stringify(e.id)}` });
    edgeIds.add(e.id);
    if (!ids.has(e.source)) issues.push({ path: `edges[${i}].source`, message: `no node has id ${JSON.stringify(e.source)}` });
    if (!ids.has(e.target)) issues.push({ path: `edges[${i}].target`, message: `no node has id ${JSON.stringify(e.target)}` });
  });
  return issues;
}

/** Stable, readable JSON for files (two-space indent, trailing newline). */
export function serializeDocument(doc: GraphDoc): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
