/**
 * What the units view writes on the network at each stage of Explain a step:
 * the numbers on units and connections, and which of them the stage is about.
 * Stages build on each other, so a later stage keeps the numbers of the
 * earlier ones where they still matter (the activations stay on screen while
 * the gradients come back).
 */
import { formatNumber } from '../../../../shared/explain/describe.ts';
import type { ExplainNet, ExplainStage, StepTrace } from '../../../../shared/explain/types.ts';

export interface StageLabels {
  /** Lines under each unit, by unit id ("in:0", "1:0"). */
  readonly units: ReadonlyMap<string, readonly string[]>;
  /** A number on each connection, by edge id ("0:1>0"). */
  readonly edges: ReadonlyMap<string, string>;
  /** The units and connections the stage is about; the rest fade. */
  readonly focus: ReadonlySet<string>;
}

const f = formatNumber;

/** The weight the step started from (the trace keeps the updated one and the gradient). */
export function startWeight(trace: StepTrace, layer: number, i: number, j: number): number {
  return trace.updated[layer].kernel[i][j] + trace.learningRate * trace.layers[layer].dKernel[i][j];
}

export function startBias(trace: StepTrace, layer: number, j: number): number {
  return trace.updated[layer].bias[j] + trace.learningRate * trace.layers[layer].dBias[j];
}

/** Which layers' forward numbers are known at this stage: all of them once the loss is in. */
function forwardDone(net: ExplainNet, stage: ExplainStage): number {
  return stage.kind === 'forward' ? stage.layer : net.layers.length - 1;
}

export function stageLabels(net: ExplainNet, trace: StepTrace, stage: ExplainStage): StageLabels {
  const units = new Map<string, string[]>();
  const edges = new Map<string, string>();
  const focus = new Set<string>();
  const add = (id: string, line: string) => units.set(id, [...(units.get(id) ?? []), line]);
  const layerIds = (l: number) => {
    const ids: string[] = [];
    for (let j = 0; j < net.layers[l].units; j++) ids.push(`${l}:${j}`);
    return ids;
  };
  const edgeIds = (l: number) => {
    const ids: string[] = [];
    for (let i = 0; i < net.layers[l].inputs; i++) for (let j = 0; j < net.layers[l].units; j++) ids.push(`${l}:${i}>${j}`);
    return ids;
  };

  trace.x.forEach((v, i) => add(`in:${i}`, `= ${f(v)}`));
  const done = forwardDone(net, stage);
  const backFrom = stage.kind === 'backward' ? stage.layer : stage.kind === 'update' ? 0 : net.layers.length;
  const updatedTo = stage.kind === 'update' ? stage.layer : -1;

  net.layers.forEach((layer, l) => {
    const t = trace.layers[l];
    for (let j = 0; j < layer.units; j++) {
      const id = `${l}:${j}`;
      if (l <= updatedTo) {
        if (layer.useBias) add(id, `b ${f(startBias(trace, l, j))} → ${f(trace.updated[l].bias[j])}`);
        continue;
      }
      if (l >= backFrom) {
        add(id, `∂L/∂z = ${f(t.dZ[j])}`);
        if (layer.useBias) add(id, `∂L/∂b = ${f(t.dBias[j])}`);
        continue;
      }
      if (l <= done) {
        add(id, `z = ${f(t.z[j])}`);
        add(id, `a = ${f(t.a[j])}`);
      } else if (layer.useBias) {
        add(id, `b = ${f(startBias(trace, l, j))}`);
      }
    }
    for (let i = 0; i < layer.inputs; i++) {
      for (let j = 0; j < layer.units; j++) {
        const id = `${l}:${i}>${j}`;
        if (l <= updatedTo) edges.set(id, `${f(startWeight(trace, l, i, j))} → ${f(trace.updated[l].kernel[i][j])}`);
        else if (l >= backFrom) edges.set(id, `∂L/∂w = ${f(t.dKernel[i][j])}`);
        else edges.set(id, `w = ${f(startWeight(trace, l, i, j))}`);
      }
    }
  });

  const last = net.layers.length - 1;
  switch (stage.kind) {
    case 'forward':
      for (const id of [...layerIds(stage.layer), ...edgeIds(stage.layer)]) focus.add(id);
      if (stage.layer === 0) for (let i = 0; i < net.inputs; i++) focus.add(`in:${i}`);
      else for (const id of layerIds(stage.layer - 1)) focus.add(id);
      break;
    case 'loss':
      for (const id of layerIds(last)) focus.add(id);
      trace.target.forEach((v, j) => add(`${last}:${j}`, `target ${f(v)}`));
      break;
    case 'backward':
    case 'update':
      for (const id of [...layerIds(stage.layer), ...edgeIds(stage.layer)]) focus.add(id);
      break;
    default: {
      const never: never = stage;
      throw new Error(`unknown stage ${JSON.stringify(never)}`);
    }
  }
  return { units, edges, focus };
}

/** The stage's name for the step buttons: "Forward: dense_1", "Loss", "Backward: dense_2", "Update: dense_1". */
export function stageTitle(net: ExplainNet, stage: ExplainStage): string {
  switch (stage.kind) {
    case 'forward':
      return `Forward through ${net.layers[stage.layer].name}`;
    case 'loss':
      return 'The loss';
    case 'backward':
      return `Backward through ${net.layers[stage.layer].name}`;
    case 'update':
      return `Update ${net.layers[stage.layer].name}`;
    default: {
      const never: never = stage;
      throw new Error(`unknown stage ${JSON.stringify(never)}`);
    }
  }
}
