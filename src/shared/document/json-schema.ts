/**
 * The published JSON Schema of the project file, derived from the same
 * validators that check files on load. scripts/gen-schema.ts writes it to
 * docs/project-format.schema.json; a test fails when that copy is stale.
 */
import { graphDoc, SCHEMA_VERSION } from './schema.ts';
import { prettyJson } from './pretty-json.ts';
import type { JsonSchema } from './validate.ts';

export const SCHEMA_ID = `urn:netwright:project-format:v${SCHEMA_VERSION}`;

export function projectJsonSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'Netwright project',
    description: `A Netwright project file (*.nwproj.json), format version ${SCHEMA_VERSION}: the layers, their wiring, the dataset and the training settings. See docs/project-format.md.`,
    ...graphDoc.schema,
  };
}

/** The committed file's exact text: two-space indent, trailing newline. */
export function schemaFileText(): string {
  return prettyJson(projectJsonSchema()) + '\n';
}
