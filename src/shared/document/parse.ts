/**
 * Untrusted text → GraphDoc. Never throws: every problem comes back with the
 * path of the field, so the UI and the CLI can say exactly what is wrong.
 */
import { migrate } from './migrations.ts';
import { prettyJson } from './pretty-json.ts';
import { printable } from './printable.ts';
import { graphDoc, type GraphDoc } from './schema.ts';
import { jsonSyntaxError } from './json-syntax.ts';
import { MAX_CONTAINERS, MAX_DEPTH, MAX_FIELDS, MAX_ISSUES } from './limits.ts';
import { describe, enough, nestingIssue, type Issue } from './validate.ts';

export type ParseResult =
  | { readonly ok: true; readonly doc: GraphDoc; readonly migrated: readonly string[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Formats issues as lines like `nodes[3].params.units: expected a positive integer, got "ten"`. */
export function formatIssues(issues: readonly Issue[], limit = 20): string {
  const lines = issues.slice(0, limit).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  // The checks stop collecting at MAX_ISSUES, so past it the count is a floor.
  if (issues.length > limit) lines.push(`…and ${issues.length >= MAX_ISSUES ? 'at least ' : ''}${issues.length - limit} more`);
  return lines.join('\n');
}

/**
 * The bytes of a project file as text. Invalid UTF-8 is refused rather than
 * replaced, since a silently changed byte could be a changed name or path.
 * A leading byte-order mark is dropped (Windows editors write one).
 */
export function decodeProject(bytes: Uint8Array): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly issues: readonly Issue[] } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, issues: [{ path: '', message: `not UTF-8 text (the first bad byte is on line ${badLine(bytes)}): save the file as UTF-8` }] };
  }
}

/** The line of the first byte that is not UTF-8. A newline byte never occurs inside a UTF-8 sequence, so lines decode on their own. */
function badLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    try {
      decoder.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
    } catch {
      return line;
    }
    if (end < 0) return line;
    start = end + 1;
  }
}

/**
 * Where the JSON breaks, by line and column. JSON.parse's own message is the
 * fallback only should the two ever disagree, and then with the raw text it
 * quotes made safe for one line of a terminal.
 */
function syntaxProblem(text: string, err: Error): string {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!json.trim()) return 'the file is empty';
  const found = jsonSyntaxError(json);
  if (found) return `line ${found.line}, column ${found.column}: ${found.problem}`;
  const message = printable(String(err?.message));
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

export function parseDocument(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return { ok: false, issues: [{ path: '', message: `not valid JSON (${syntaxProblem(text, err as Error)})` }] };
  }
  return validateDocument(json);
}

export function validateDocument(json: unknown): ParseResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, issues: [{ path: '', message: `expected a Netwright project (a JSON object), got ${describe(json)}` }] };
  }
  // Before anything walks the value: past these limits it is not a project, and every later step stays cheap and shallow.
  const nesting = nestingIssue(json, { maxDepth: MAX_DEPTH, maxContainers: MAX_CONTAINERS, maxFields: MAX_FIELDS });
  if (nesting) return { ok: false, issues: [{ path: nesting.path, message: `${nesting.message}; a project file is far smaller` }] };
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
    if (enough(issues)) return;
    const id = idOf(n, 'id');
    if (id === undefined) everyIdReadable = false;
    else if (ids.has(id)) issues.push({ path: `nodes[${i}].id`, message: `duplicate id ${describe(id)}: another node already has it, give this one a new id` });
    else ids.add(id);
  });
  const edgeIds = new Set<string>();
  edges.forEach((e, i) => {
    if (enough(issues)) return;
    const id = idOf(e, 'id');
    if (id !== undefined && edgeIds.has(id)) issues.push({ path: `edges[${i}].id`, message: `duplicate id ${describe(id)}: another edge already has it, give this one a new id` });
    if (id !== undefined) edgeIds.add(id);
    if (!everyIdReadable) return;
    for (const end of ['source', 'target'] as const) {
      const ref = idOf(e, end);
      if (ref !== undefined && !ids.has(ref)) issues.push({ path: `edges[${i}].${end}`, message: `no node has id ${describe(ref)}: connect an existing node or delete the edge` });
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
