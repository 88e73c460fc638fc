/** GraphDoc → CompileSpec, for documents that analysis passes without errors. */
import { analyze } from '../analysis/analyze.ts';
import type { Analysis, Diagnostic } from '../analysis/types.ts';
import { getLayerDef } from '../catalog/index.ts';
import type { GraphDoc } from '../document/schema.ts';
import type { CompiledLayer, CompileSpec } from './spec.ts';

export type CompileResult =
  | { readonly ok: true; readonly spec: CompileSpec; readonly analysis: Analysis }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly analysis: Analysis };

export function compile(doc: GraphDoc, analysis: Analysis = analyze(doc)): CompileResult {
  if (!analysis.ok) return { ok: false, diagnostics: analysis.diagnostics.filter((d) => d.severity === 'error'), analysis };
  const layers: CompiledLayer[] = [];
  for (const id of analysis.order) {
    const info = analysis.nodes.get(id)!;
    if (!info.inModel) continue;
    const def = getLayerDef(info.kind)!;
    const { className, config } = def.toConfig(info.params, info.inputShapes);
    const inputs = info.inputs.map((src) => analysis.nodes.get(src)!.name);
    const isInput = def.inputs.max === 0;
    layers.push({
      nodeId: id,
      name: info.name,
      kind: info.kind,
      className,
      factory: def.factory,
      config: isInput
        ? { shape: (info.outputShape ?? []).slice(1), dtype: config.dtype ?? 'float32', name: info.name }
        : { ...config, name: info.name },
      inputs,
      outputShape: info.outputShape!,
      params: info.paramCount.trainable + info.paramCount.nonTrainable,
    });
  }
  const name = (id: string) => analysis.nodes.get(id)!.name;
  return {
    ok: true,
    analysis,
    spec: {
      modelName: doc.meta.name || 'model',
      layers,
      inputs: analysis.inputs.map(name),
      outputs: analysis.outputs.map(name),
      training: doc.training,
      dataset: doc.dataset,
      totalParams: analysis.summary.totalParams,
      trainableParams: analysis.summary.trainableParams,
    },
  };
}
