import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectJsonSchema, schemaFileText } from './json-schema.ts';
import { parseDocument } from './parse.ts';
import type { JsonSchema } from './validate.ts';
import { fieldReference, REFERENCE_BEGIN, REFERENCE_END, updateFieldReference } from './schema-doc.ts';

const docs = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');
const STALE = 'is out of date with src/shared/document/schema.ts: run `npm run gen:schema` and commit the result';

describe('published schema and format docs', () => {
  it(`docs/project-format.schema.json matches the validators`, () => {
    expect(docs('project-format.schema.json'), `docs/project-format.schema.json ${STALE}`).toBe(schemaFileText());
  });

  it('docs/project-format.md carries the current field reference', () => {
    const md = docs('project-format.md');
    expect(md, `the field reference in docs/project-format.md ${STALE}`).toBe(updateFieldReference(md, fieldReference(projectJsonSchema())));
  });

  it('is a draft 2020-12 schema with an id and a title, closed to unknown fields', () => {
    const schema = JSON.parse(docs('project-format.schema.json'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/^urn:netwright:project-format:v\d+$/);
    expect(schema.title).toBe('Netwright project');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['format', 'schemaVersion', 'meta', 'nodes', 'edges', 'dataset', 'training']);
  });

  it('documents every field of every object', () => {
    const undocumented: string[] = [];
    const walk = (s: JsonSchema, path: string): void => {
      for (const [k, f] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) {
        if (!f.description && !('const' in f)) undocumented.push(`${path}${k}`);
        walk(f, `${path}${k}.`);
      }
      for (const inner of [...((s.oneOf ?? []) as JsonSchema[]), ...((s.anyOf ?? []) as JsonSchema[])]) walk(inner, path);
      if (s.items) walk(s.items as JsonSchema, `${path}[].`);
    };
    walk(projectJsonSchema(), '');
    expect(undocumented).toEqual([]);
  });

  it("the markdown's example is a valid project", () => {
    const md = docs('project-format.md');
    const example = /```json\n([\s\S]*?)```/.exec(md)?.[1] ?? '';
    const parsed = parseDocument(example);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });

  it('refuses to update a document without the markers', () => {
    expect(() => updateFieldReference('# no markers', 'x')).toThrow(REFERENCE_BEGIN);
    expect(updateFieldReference(`a\n${REFERENCE_BEGIN}\nold\n${REFERENCE_END}\nb`, '| new |')).toBe(`a\n${REFERENCE_BEGIN}\n\n| new |\n\n${REFERENCE_END}\nb`);
  });
});
