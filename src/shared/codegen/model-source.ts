/**
 * The model part of a generated program: `buildModel(tf)` with the
 * functional API, one statement per layer named like the layer, and
 * `compileModel(tf, model)` with the project's optimizer, loss and metrics.
 * It is generic over the catalog: each layer is `tf.layers.<factory>(config)`.
 */
import { formatShape } from '../catalog/common.ts';
import type { CompiledLayer, CompileSpec } from '../compile/spec.ts';
import type { TrainingSettings } from '../document/schema.ts';
import { literal, quote, variableNames } from './literal.ts';

const FACTORY = /^[A-Za-z_$][\w$]*$/;

/** Lines longer than this are broken, one config property per line. */
const WIDTH = 110;

/** The model name tfjs gets; the in-app builder (compile/build-model.ts) uses the same rule. */
export function modelName(spec: CompileSpec): string {
  return spec.modelName.replace(/[^\w]/g, '_') || 'model';
}

function layerComment(layer: CompiledLayer): string {
  return `  // ${layer.name} (${layer.kind}): output ${formatShape(layer.outputShape)}, ${layer.params.toLocaleString('en-US')} params`;
}

/** `tf.input(...)` or `tf.layers.x(...).apply(...)`, broken over lines when the config is long. */
function layerStatement(layer: CompiledLayer, vars: ReadonlyMap<string, string>, declared: ReadonlySet<string>): string {
  const variable = vars.get(layer.name)!;
  if (layer.factory === 'input') {
    const head = `  const ${variable} = tf.input(`;
    return `${head}${literal(layer.config, { indent: '  ', around: head.length + 2, width: WIDTH })});`;
  }
  if (!FACTORY.test(layer.factory)) throw new Error(`layer ${layer.name}: "${layer.factory}" is not a tfjs layer factory name`);
  const args = layer.inputs.map((name) => (declared.has(name) ? vars.get(name)! : missing(layer, name)));
  const applied = args.length === 1 ? args[0] : `[${args.join(', ')}]`;
  const head = `  const ${variable} = tf.layers.${layer.factory}(`;
  const tail = `).apply(${applied}) as tfjs.SymbolicTensor;`;
  return `${head}${literal(layer.config, { indent: '  ', around: head.length + tail.length, width: WIDTH })}${tail}`;
}

function missing(layer: CompiledLayer, input: string): never {
  throw new Error(`layer ${layer.name} takes ${input}, which is not declared before it: the spec's layers must be in topological order`);
}

export function buildModelSource(spec: CompileSpec): string {
  const vars = variableNames(spec.layers.map((l) => l.name), ['tf', 'tfjs', 'Tf']);
  const list = (names: readonly string[]) => `[${names.map((n) => vars.get(n)!).join(', ')}]`;
  const lines: string[] = [];
  const declared = new Set<string>();
  for (const layer of spec.layers) {
    lines.push(layerComment(layer), layerStatement(layer, vars, declared));
    declared.add(layer.name);
  }
  return `/** The network, one layer per statement, each after the layers it takes as input (tf.model finds the wiring). */
function buildModel(tf: Tf): tfjs.LayersModel {
${lines.join('\n')}
  return tf.model({ name: ${quote(modelName(spec))}, inputs: ${list(spec.inputs)}, outputs: ${list(spec.outputs)} });
}`;
}

export function optimizerSource(training: TrainingSettings): string {
  const rate = literal(training.learningRate);
  switch (training.optimizer) {
    case 'sgd':
      return `tf.train.sgd(${rate})`;
    case 'momentum':
      return `tf.train.momentum(${rate}, ${literal(training.momentum ?? 0.9)})`;
    case 'adam':
      return `tf.train.adam(${rate})`;
    case 'rmsprop':
      return `tf.train.rmsprop(${rate})`;
    case 'adagrad':
      return `tf.train.adagrad(${rate})`;
    case 'adadelta':
      return `tf.train.adadelta(${rate})`;
    case 'adamax':
      return `tf.train.adamax(${rate})`;
    default:
      throw new Error(`unknown optimizer ${(training.optimizer as string)}`);
  }
}

export function compileModelSource(training: TrainingSettings): string {
  return `/** The optimizer, loss and metrics chosen in the project. */
function compileModel(tf: Tf, model: tfjs.LayersModel): void {
  model.compile({
    optimizer: ${optimizerSource(training)},
    loss: ${quote(training.loss)},
    metrics: ${literal(training.metrics)},
  });
}`;
}
