/**
 * Untrusted text → GraphDoc. Never throws: every problem comes back with the
 * path of the field, so the UI and the CLI can say exactly what is wrong.
 */
import { migrate } from './migrations.ts';
import { prettyJson } from './pretty-json.ts';
import { graphDoc, type GraphDoc } from './schema.ts';
import { describe, type Issue } from './validate.ts';

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
    return { ok: false, issues: [{ path: '', message: `expected a Netwright project (a JSON object), got ${describe(json)}` }] };
  }
  const record = json as Record<string, unknown>;
  if (record.format !== 'netwright-project') {
    return {
      ok: false,
      issues: [{ path: 'format', message: `expected "netwright-project", got ${describe(record.format)}: this is not a Netwright project file` }],
    };
  }
  const migrated = migrate(record);
  if (!migrated.ok) return { ok: false, issues: [{ path: migrated.path, message: migrated.message }] };
  const issues: Issue[] = [];
  const doc = graphDoc.check(migrated.doc, '', issues);
  // References are checked on the raw JSON too, so one pass reports a bad field and a dangling edge together.
  issues.push(...checkReferences(migrated.doc));
  if (!doc || issues.length) return { ok: false, issues };
  return { ok: true, doc, migrated: migrated.applied };
}

/** Ids must be unique and edges must point at nodes that exist; anything subtler is analysis' job. */
function checkReferences(json: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  const nodes = Array.isArray(json.nodes) ? json.nodes : [];
  const edges = Array.isArray(json.edges) ? json.edges : [];
  const ids = new Set<string>();
  // A node whose id is itself broken is reported by the schema; edges to it would only add noise.
  let everyIdReadable = true;
  nodes.forEach((n, i) => {
    const id = idOf(n, 'id');
    if (id === undefined) everyIdReadable = false;
    else if (ids.has(id)) issues.push({ path: `nodes[${i}].id`, message: `duplicate id ${JSON.stringify(id)}: another node already has it, give this one a new id` });
    else ids.add(id);
  });
  const edgeIds = new Set<string>();
  edges.forEach((e, i) => {
    const id = idOf(e, 'id');
    if (id !== undefined && edgeIds.has(id)) issues.push({ path: `edges[${i}].id`, message: `duplicate id ${JSON.stringify(id)}: another edge already has it, give this one a new id` });
    if (id !== undefined) edgeIds.add(id);
    if (!everyIdReadable) return;
    for (const end of ['source', 'target'] as const) {
      const ref = idOf(e, end);
      if (ref !== undefined && !ids.has(ref)) issues.push({ path: `edges[${i}].${end}`, message: `no node has id ${JSON.stringify(ref)}: connect an existing node or delete the edge` });
    }
  });
  return issues;
}

function idOf(item: unknown, key: string): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const value = (item as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Stable, readable JSON for files: fields in schema order whatever order the
 * document was built in (so saving twice never reorders lines in a diff),
 * two-space indent, short lists on one line, trailing newline.
 */
export function serializeDocument(doc: GraphDoc): string {
  const canonical = graphDoc.check(doc, '', []) ?? doc;
  return prettyJson(canonical) + '\n';
}
