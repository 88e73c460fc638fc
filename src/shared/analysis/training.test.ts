import { describe, expect, it } from 'vitest';
import { getLayerDef } from '../catalog/index.ts';
import { GraphBuilder } from '../document/builder.ts';
import { LOSSES, type GraphDoc } from '../document/schema.ts';
import { analyze } from './analyze.ts';

/** Input [4] → Dense 3 with the given activation (or a separate Softmax layer), trained with `loss`. */
function classifier(loss: (typeof LOSSES)[number], activation: string): GraphDoc {
  const b = new GraphBuilder('head');
  const x = b.add('Input', { shape: [4] });
  if (activation === 'Softmax layer') b.sequence(x, [['Dense', { units: 3 }], ['Softmax']]);
  else b.sequence(x, [['Dense', { units: 3, activation }]]);
  return b.withTraining({ loss }).build();
}

const lossMismatch = (doc: GraphDoc) => analyze(doc).diagnostics.filter((d) => d.code === 'loss-mismatch');

describe('output layer and loss', () => {
  it('repairs softmax with mean squared error in the training settings, not on the layer', () => {
    const doc = classifier('meanSquaredError', 'softmax');
    const [warning] = lossMismatch(doc);
    expect(warning.fix).toEqual({ kind: 'set-training', changes: { loss: 'sparseCategoricalCrossentropy' }, label: 'Use sparse categorical cross-entropy' });
    if (warning.fix?.kind !== 'set-training') throw new Error('expected a training fix');
    const fixed: GraphDoc = { ...doc, training: { ...doc.training, ...warning.fix.changes } };
    expect(lossMismatch(fixed)).toEqual([]);
    // The layer is left as it was: the settings were the problem.
    expect(fixed.nodes).toBe(doc.nodes);
  });

  it('offers the same training fix when a separate Softmax layer ends the network', () => {
    expect(lossMismatch(classifier('meanAbsoluteError', 'Softmax layer'))[0].fix).toMatchObject({ kind: 'set-training', changes: { loss: 'sparseCategoricalCrossentropy' } });
  });

  it('tells how to replace a Softmax layer under binary cross-entropy, with no button for a param it lacks', () => {
    const [warning] = lossMismatch(classifier('binaryCrossentropy', 'Softmax layer'));
    expect(warning.message).toContain('replace the Softmax layer with an Activation layer set to sigmoid');
    expect(warning.fix).toBeUndefined();
  });

  it('only sets params that the output layer has, for every loss and activation', () => {
    for (const loss of LOSSES) {
      for (const activation of ['softmax', 'sigmoid', 'relu', 'linear', 'tanh', 'Softmax layer']) {
        const doc = classifier(loss, activation);
        for (const d of lossMismatch(doc)) {
          if (d.fix?.kind !== 'set-param') continue;
          const kind = doc.nodes.find((n) => n.id === d.nodeId)!.kind;
          expect(Object.keys(getLayerDef(kind)!.params), `${loss} with ${activation}: ${d.fix.label}`).toContain(d.fix.param);
        }
      }
    }
  });
});
