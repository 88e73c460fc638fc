/**
 * Regenerates docs/project-format.schema.json and the field reference in
 * docs/project-format.md from the document validators (src/shared/document).
 * Run after changing schema.ts: `npm run gen:schema`. A unit test fails while
 * either file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { projectJsonSchema, schemaFileText } from '../src/shared/document/json-schema.ts';
import { fieldReference, updateFieldReference } from '../src/shared/document/schema-doc.ts';

const docs = fileURLToPath(new URL('../docs/', import.meta.url));

function writeIfChanged(path: string, text: string): void {
  let old: string | undefined;
  try {
    old = readFileSync(path, 'utf8');
  } catch {
    old = undefined;
  }
  if (old === text) return console.log(`${path}: up to date`);
  writeFileSync(path, text);
  console.log(`${path}: written`);
}

writeIfChanged(`${docs}project-format.schema.json`, schemaFileText());
const mdPath = `${docs}project-format.md`;
writeIfChanged(mdPath, updateFieldReference(readFileSync(mdPath, 'utf8'), fieldReference(projectJsonSchema())));
