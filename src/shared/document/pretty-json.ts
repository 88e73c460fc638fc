/**
 * JSON for files people read and diff: two-space indent like
 * JSON.stringify(…, null, 2), but a small object or list made only of plain
 * values stays on one line, so a shape reads `[28, 28, 1]` and a position
 * `{ "x": 220, "y": 0 }` instead of one number per line.
 */

const INLINE_WIDTH = 96;

export function prettyJson(value: unknown): string {
  return render(value, '');
}

function render(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inline = oneLine(value);
    if (inline !== undefined) return inline;
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + render(v ?? null, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) return '{}';
    const inline = oneLine(value);
    if (inline !== undefined) return inline;
    const inner = indent + '  ';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${render(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The one-line form when every member is a plain value or a list of them, and it is short enough. */
function oneLine(value: object): string | undefined {
  const isArray = Array.isArray(value);
  const entries = isArray ? value.map((v, i) => [String(i), v ?? null] as const) : Object.entries(value).filter(([, v]) => v !== undefined);
  if (!entries.every(([, v]) => isPlain(v) || (!isArray && Array.isArray(v) && v.every(isPlain)))) return undefined;
  const parts = entries.map(([k, v]) => (isArray ? '' : `${JSON.stringify(k)}: `) + (Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x ?? null)).join(', ')}]` : JSON.stringify(v)));
  const text = isArray ? `[${parts.join(', ')}]` : `{ ${parts.join(', ')} }`;
  return text.length <= INLINE_WIDTH ? text : undefined;
}

function isPlain(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}
