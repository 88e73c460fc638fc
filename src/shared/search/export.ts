/**
 * What an export of a project with a search writes: the best configuration
 * the search found for this very project, or, while it has none, the
 * configuration on the canvas; either way the program's header says which.
 * The search itself is never part of an exported program.
 */
import type { GraphDoc } from '../document/schema.ts';
import type { SearchRecord } from '../protocol/search-api.ts';
import { applyTrial } from './apply.ts';
import { describeTrial } from './check.ts';
import { bestTrial, formatScore } from './score.ts';

export interface ExportPlan {
  /** The project to export: one plain configuration, without a search. */
  readonly doc: GraphDoc;
  /** Lines for the program's header comment; empty for a project without a search. */
  readonly note: readonly string[];
}

/** The project as a search sees it: what trains, not where layers sit on the canvas. */
function trainedPart(doc: GraphDoc): string {
  return JSON.stringify({
    nodes: doc.nodes.map((n) => ({ id: n.id, kind: n.kind, name: n.name ?? null, params: n.params })),
    edges: doc.edges.map((e) => [e.source, e.target, e.targetPort]),
    dataset: doc.dataset,
    training: doc.training,
    search: doc.search ?? null,
  });
}

/** Whether `record` searched this project as it is now (moving layers on the canvas does not matter). */
export function searchedThis(record: Pick<SearchRecord, 'doc'>, doc: GraphDoc): boolean {
  return trainedPart(record.doc) === trainedPart(doc);
}

/** `records`: the host's searches, any order; the newest one of this project with a scored trial decides. */
export function exportPlan(doc: GraphDoc, records: readonly SearchRecord[]): ExportPlan {
  const spec = doc.search;
  const { search: _search, ...plain } = doc;
  if (!spec) return { doc, note: [] };
  const mine = records.filter((r) => searchedThis(r, doc)).sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  for (const record of mine) {
    const best = bestTrial(record.trials, spec.rankBy);
    if (!best) continue;
    const ran = record.trials.filter((t) => t.status !== 'skipped').length;
    const folds = best.score!.folds;
    return {
      doc: applyTrial(doc, spec, best),
      note: [
        `This is the best configuration of the project's search (${spec.method} search, search ${record.id}):`,
        `trial ${best.index + 1} of ${ran}, ${describeTrial(spec.dimensions, best)},`,
        `${spec.rankBy} ${formatScore(best.score, spec.rankBy)}${folds > 1 ? ` over ${folds} folds` : ''}. The search itself is not part of this program.`,
      ],
    };
  }
  return {
    doc: plain,
    note: ["The project has a search that has not scored a trial yet, so this is the configuration on the canvas;", 'run the search (netwright search, or the Search tab) and export again to get its best configuration.'],
  };
}
