/**
 * File-level check of layer kinds and parameter values, with document paths
 * (`nodes[3].params.units: expected a positive integer, got "ten"`). Parsing
 * leaves both to the catalog so that files with newer kinds still open; the
 * CLI and loaders call this to name the exact field. Analysis reports the
 * same problems per layer for the canvas.
 */
import { CATALOG, getLayerDef } from '../catalog/index.ts';
import { resolveParams } from '../catalog/params.ts';
import type { GraphDoc } from './schema.ts';
import { closest, enough, joinPath, type Issue } from './validate.ts';

export function checkParams(doc: GraphDoc): Issue[] {
  const issues: Issue[] = [];
  doc.nodes.forEach((node, i) => {
    if (enough(issues)) return;
    const at = `nodes[${i}]`;
    const def = getLayerDef(node.kind);
    if (!def) {
      issues.push({ path: `${at}.kind`, message: unknownKind(node.kind) });
      return;
    }
    for (const problem of resolveParams(def, node.params).problems) {
      const known = Object.keys(def.params);
      const hint = Object.hasOwn(def.params, problem.param) ? '' : didYouMean(problem.param, known);
      issues.push({ path: joinPath(`${at}.params`, problem.param), message: problem.message + hint });
    }
  });
  return issues;
}

function unknownKind(kind: string): string {
  const kinds = [...CATALOG.keys()];
  const guess = closest(kind, kinds);
  return guess
    ? `unknown layer kind ${JSON.stringify(kind)}: did you mean ${JSON.stringify(guess)}?`
    : `unknown layer kind ${JSON.stringify(kind)}: use one of ${kinds.join(', ')}`;
}

function didYouMean(name: string, known: readonly string[]): string {
  const guess = closest(name, known);
  return guess ? `; did you mean ${JSON.stringify(guess)}?` : '';
}
