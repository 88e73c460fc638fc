/** Warnings about the pairing of the output layer with the training settings. */
import { getLayerDef } from '../catalog/index.ts';
import type { GraphDoc } from '../document/schema.ts';
import type { Diagnostic, DiagnosticFix, NodeInfo } from './types.ts';

/** The activation that ends the network: a layer's own, or a trailing Activation/Softmax layer. */
function outputActivation(info: NodeInfo): string | undefined {
  if (info.kind === 'Softmax') return 'softmax';
  const a = info.params.activation;
  return typeof a === 'string' ? a : undefined;
}

/**
 * A button that sets the output layer's activation, where the layer has one:
 * a separate Softmax layer has no activation param to set, and a set-param
 * fix on it would only fail as an unknown parameter.
 */
function activationFix(info: NodeInfo, value: string, label: string): { fix?: DiagnosticFix } {
  return getLayerDef(info.kind)?.params.activation ? { fix: { kind: 'set-param', param: 'activation', value, label } } : {};
}

/** How the message tells the user to change the ending activation. */
function useActivation(info: NodeInfo, value: string): string {
  return info.kind === 'Softmax' ? `replace the Softmax layer with an Activation layer set to ${value}` : `set its activation to ${value}`;
}

export function checkTraining(doc: GraphDoc, output: NodeInfo): Diagnostic[] {
  const out: Diagnostic[] = [];
  const act = outputActivation(output);
  const loss = doc.training.loss;
  const units = output.outputShape?.[output.outputShape.length - 1];
  const at = `${output.name} (${output.kind})`;
  if (act === 'softmax' && (loss === 'meanSquaredError' || loss === 'meanAbsoluteError')) {
    out.push({ severity: 'warning', code: 'loss-mismatch', nodeId: output.id, message: `${at} ends in softmax but the loss is ${loss}: class probabilities learn far better with categoricalCrossentropy (one-hot labels) or sparseCategoricalCrossentropy (class numbers)`, fix: { kind: 'set-training', changes: { loss: 'sparseCategoricalCrossentropy' }, label: 'Use sparse categorical cross-entropy' } });
  }
  if ((loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy') && act !== undefined && act !== 'softmax') {
    out.push({ severity: 'warning', code: 'loss-mismatch', nodeId: output.id, message: `${at} has activation ${act} but the loss ${loss} expects class probabilities: ${useActivation(output, 'softmax')}`, ...activationFix(output, 'softmax', 'Use softmax') });
  }
  if (loss === 'binaryCrossentropy' && act !== undefined && act !== 'sigmoid') {
    out.push({ severity: 'warning', code: 'loss-mismatch', nodeId: output.id, message: `${at} has activation ${act} but binaryCrossentropy expects probabilities between 0 and 1: ${useActivation(output, 'sigmoid')}`, ...activationFix(output, 'sigmoid', 'Use sigmoid') });
  }
  if ((loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy') && units === 1) {
    out.push({ severity: 'warning', code: 'loss-mismatch', nodeId: output.id, message: `${at} has 1 unit but ${loss} needs one unit per class: use 2 or more units, or binaryCrossentropy with a sigmoid output for yes/no` });
  }
  return out;
}
