/**
 * Markdown tables of every field, generated from the JSON Schema, so that
 * docs/project-format.md lists exactly the fields the loader accepts with
 * the descriptions written next to the validators.
 */
import type { JsonSchema } from './validate.ts';

interface Section {
  readonly title: string;
  readonly schema: JsonSchema;
}

/** One table per object in the format, each followed by the tables of the objects inside it. */
export function fieldReference(root: JsonSchema, rootTitle = 'The file'): string {
  const out: string[] = [];
  const render = ({ title, schema }: Section, prefix: string): void => {
    out.push(`### ${title}`, '');
    if (typeof schema.description === 'string') out.push(schema.description, '');
    out.push('| Field | Type | Required | Meaning |', '|---|---|---|---|');
    const required = new Set(asArray(schema.required));
    const children: Section[] = [];
    for (const [name, field] of Object.entries(asRecord(schema.properties))) {
      const meaning = field.description ?? ('const' in field ? `Always ${JSON.stringify(field.const)} for this variant.` : '');
      out.push(`| \`${name}\` | ${typeText(field)} | ${required.has(name) ? 'yes' : 'no'} | ${cell(meaning)} |`);
      children.push(...nested(prefix ? `${prefix}.${name}` : name, field));
    }
    out.push('');
    for (const child of children) render(child, child.title.replace(/ \(.*\)$/, ''));
  };
  render({ title: rootTitle, schema: root }, '');
  return out.join('\n');
}

/** Objects reachable from a field: itself, its list items, its nullable inner value, or each tagged variant. */
function nested(path: string, schema: JsonSchema): Section[] {
  if (Array.isArray(schema.oneOf)) {
    return (schema.oneOf as JsonSchema[]).map((variant) => ({ title: `${path} (kind "${tagOf(variant)}")`, schema: variant }));
  }
  if (Array.isArray(schema.anyOf)) {
    const [inner, alt] = schema.anyOf as JsonSchema[];
    return alt?.type === 'null' ? nested(path, { ...inner, description: inner.description ?? schema.description }) : [];
  }
  if (schema.type === 'array') return nested(`${path}[]`, asRecord(schema.items));
  if (schema.type === 'object' && schema.properties) return [{ title: path, schema }];
  return [];
}

function typeText(schema: JsonSchema): string {
  if ('const' in schema) return `\`${JSON.stringify(schema.const)}\``;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((e) => `\`${JSON.stringify(e)}\``).join(', ')}`;
  if (Array.isArray(schema.oneOf)) return `object, by \`kind\`: ${(schema.oneOf as JsonSchema[]).map((v) => `\`"${tagOf(v)}"\``).join(', ')}`;
  if (Array.isArray(schema.anyOf)) {
    const options = schema.anyOf as JsonSchema[];
    // A string with its own comma ("string, at most 200 characters") is bracketed so the list still reads.
    return flatten(options).map((o) => (o.type === 'null' ? '`null`' : o.type === 'string' ? bracketed(typeText(o)) : typeText(o))).join(' or ');
  }
  switch (schema.type) {
    case 'string':
      return `string${Number(schema.minLength) > 0 ? ', non-empty' : ''}${Number(schema.maxLength) < 10_000 ? `, at most ${count(schema.maxLength)} characters` : ''}`;
    case 'number':
    case 'integer':
      return `${schema.type}${range(schema)}`;
    case 'boolean':
      return 'boolean';
    case 'array':
      return `${listOf(asRecord(schema.items))}${Number(schema.maxItems) < 100_000 ? ` (at most ${count(schema.maxItems)})` : ''}`;
    case 'object':
      return schema.properties ? 'object (below)' : `object: name → ${typeText(asRecord(schema.additionalProperties))}${mapLimits(schema)}`;
    default:
      return 'any';
  }
}

function bracketed(text: string): string {
  return text.includes(', ') ? `(${text})` : text;
}

function mapLimits(schema: JsonSchema): string {
  const names = asRecord(schema.propertyNames);
  if (Number(schema.maxProperties) >= 100_000 || schema.maxProperties === undefined) return '';
  return ` (at most ${count(schema.maxProperties)} names${names.maxLength !== undefined ? `, each at most ${count(names.maxLength)} characters` : ''})`;
}

function listOf(item: JsonSchema): string {
  if (Array.isArray(item.enum)) return `list of ${item.enum.map((e) => `\`${JSON.stringify(e)}\``).join(', ')}`;
  if (item.type === 'object' && item.properties) return 'list of objects (below)';
  if (typeof item.type === 'string' && !item.anyOf) return `list of ${item.type}s${range(item)}`;
  return `list of ${typeText(item)}`;
}

/** anyOf inside anyOf reads as one list of alternatives. */
function flatten(options: readonly JsonSchema[]): JsonSchema[] {
  return options.flatMap((o) => (Array.isArray(o.anyOf) && !o.description ? flatten(o.anyOf as JsonSchema[]) : [o]));
}

function count(n: unknown): string {
  return Number(n).toLocaleString('en-US');
}

function range(schema: JsonSchema): string {
  const low = schema.exclusiveMinimum !== undefined ? `> ${count(schema.exclusiveMinimum)}` : schema.minimum !== undefined ? `≥ ${count(schema.minimum)}` : '';
  const high = schema.maximum !== undefined ? `≤ ${count(schema.maximum)}` : '';
  return low || high ? `, ${[low, high].filter(Boolean).join(' and ')}` : '';
}

function tagOf(variant: JsonSchema): string {
  return String(asRecord(asRecord(variant.properties).kind).const);
}

function cell(text: unknown): string {
  return typeof text === 'string' ? text.replace(/\|/g, '\\|').replace(/\n/g, ' ') : '';
}

function asRecord(value: unknown): Record<string, JsonSchema> {
  return typeof value === 'object' && value !== null ? (value as Record<string, JsonSchema>) : {};
}

function asArray(value: unknown): string[] {
  return Array.isArray(value) ? (value as string[]) : [];
}

export const REFERENCE_BEGIN = '<!-- field reference: generated by `npm run gen:schema`, do not edit by hand -->';
export const REFERENCE_END = '<!-- end of field reference -->';

/** Replaces the text between the two markers with a fresh reference; throws when the markers are missing. */
export function updateFieldReference(markdown: string, reference: string): string {
  const begin = markdown.indexOf(REFERENCE_BEGIN);
  const end = markdown.indexOf(REFERENCE_END);
  if (begin < 0 || end < begin) throw new Error(`expected the markers ${REFERENCE_BEGIN} and ${REFERENCE_END} in the document`);
  return `${markdown.slice(0, begin + REFERENCE_BEGIN.length)}\n\n${reference.trim()}\n\n${markdown.slice(end)}`;
}
