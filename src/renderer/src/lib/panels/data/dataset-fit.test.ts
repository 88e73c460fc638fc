import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../../shared/analysis/index.ts';
import { GraphBuilder } from '../../../../../shared/document/builder.ts';
import type { DatasetRef, GraphDoc } from '../../../../../shared/document/index.ts';
import { TEMPLATES, getTemplate } from '../../../../../shared/templates/index.ts';
import { applyFitFix, checkDatasetFit, suggestedInputShape } from './dataset-fit.ts';
import { datasetName, knownInfo } from './known-info.ts';

function template(id: string): GraphDoc {
  const t = getTemplate(id);
  if (!t) throw new Error(`no template ${id}`);
  return t.build();
}

/** The check as the data panel runs it: the document's own dataset, described in the renderer. */
function check(doc: GraphDoc) {
  const ref = doc.dataset!;
  const known = knownInfo(ref);
  if (!known?.ok) throw new Error(`no info for ${ref.kind}`);
  return checkDatasetFit(doc, analyze(doc), known.info, datasetName(ref));
}

const withDataset = (doc: GraphDoc, dataset: DatasetRef): GraphDoc => ({ ...doc, dataset });
const nodeOf = (doc: GraphDoc, kind: string, nth = 0) => doc.nodes.filter((n) => n.kind === kind)[nth];

describe('checkDatasetFit', () => {
  it('finds nothing wrong with any template on its own dataset (LeNet only gets a reshape note)', () => {
    for (const t of TEMPLATES) {
      const doc = t.build();
      // CIFAR-10 is described only once its folder has been read (see cifar10.test.ts).
      if (!doc.dataset || knownInfo(doc.dataset) === null) continue;
      const problems = check(doc);
      expect(problems.filter((p) => p.severity === 'error'), t.id).toEqual([]);
      if (t.id === 'lenet-cnn') {
        expect(problems.map((p) => p.message)).toEqual(["MNIST samples are [28, 28]; they are reshaped to the Input's [28, 28, 1] (same number of values)."]);
      }
    }
  });

  it('says the XOR output has 10 units for 2 classes, and the fix sets the Dense back to 1 unit', () => {
    const base = template('xor-mlp');
    const out = base.nodes.filter((n) => n.kind === 'Dense')[1];
    const doc: GraphDoc = { ...base, nodes: base.nodes.map((n) => (n.id === out.id ? { ...n, params: { ...n.params, units: 10 } } : n)) };
    const problems = check(doc);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('output-units');
    expect(problems[0].message).toBe('The output layer has 10 units but XOR has 2 classes (with binaryCrossentropy, two classes take 1 sigmoid unit).');
    expect(problems[0].fix).toMatchObject({ nodeId: out.id, param: 'units', value: 1, label: 'Set dense_2 units to 1' });
    const fixed = applyFitFix(doc, problems[0].fix!);
    expect(fixed.nodes.find((n) => n.id === out.id)!.params.units).toBe(1);
    expect(check(fixed)).toEqual([]);
  });

  it('compares the MNIST softmax network with the circle set: Input [28, 28] against [2], 10 units against 2 classes', () => {
    const doc = withDataset(template('mnist-softmax'), { kind: 'generated', name: 'circle', samples: 300, noise: 0, trainRatio: 0.8, seed: 3 });
    const problems = check(doc);
    expect(problems.map((p) => p.code)).toEqual(['input-shape', 'output-units']);
    expect(problems[0].message).toBe('Input is [28, 28] but Circle samples are [2] (x1, x2): the Input layer must take 2 values per sample, not 784.');
    expect(problems[0].fix).toMatchObject({ param: 'shape', value: [2], label: 'Set Input shape to [2]' });
    // sparseCategoricalCrossentropy needs one unit per class, so 2 and not 1.
    expect(problems[1].message).toBe('The output layer has 10 units but Circle has 2 classes.');
    expect(problems[1].fix?.value).toBe(2);
    const fixed = problems.reduce((d, p) => applyFitFix(d, p.fix!), doc);
    expect(analyze(fixed).nodes.get(nodeOf(fixed, 'Input').id)!.outputShape).toEqual([null, 2]);
    // Flatten refuses a flat Input, so nothing after it has a shape: the output is not called a fit.
    expect(check(fixed)).toEqual([expect.objectContaining({ severity: 'note', code: 'unchecked', message: expect.stringContaining('dense_1 has no known shape') })]);
    const withoutInputFix = applyFitFix(doc, problems[1].fix!);
    expect(check(withoutInputFix).map((p) => p.code)).toEqual(['input-shape']);
  });

  it('counts derived features in the input width and names the columns', () => {
    const base = template('xor-mlp');
    const doc = withDataset(base, { ...(base.dataset as Extract<DatasetRef, { kind: 'generated' }>), features: ['x1sq', 'x2sq'] });
    const [problem] = check(doc);
    expect(problem.message).toBe('Input is [2] but XOR samples are [4] (x1, x2, x1², x2²): the Input layer must take 4 values per sample, not 2.');
    expect(check(applyFitFix(doc, problem.fix!))).toEqual([]);
  });

  it('keeps the channel axis when a convolutional Input meets MNIST', () => {
    const base = template('lenet-cnn');
    const input = nodeOf(base, 'Input');
    const doc: GraphDoc = { ...base, nodes: base.nodes.map((n) => (n.id === input.id ? { ...n, params: { shape: [32, 32, 3] } } : n)) };
    const [problem] = check(doc);
    expect(problem.message).toContain('Input is [32, 32, 3] but MNIST samples are [28, 28]');
    expect(problem.fix?.value).toEqual([28, 28, 1]);
    expect(check(applyFitFix(doc, problem.fix!)).filter((p) => p.severity === 'error')).toEqual([]);
    expect(suggestedInputShape([784], [28, 28])).toEqual([28, 28]);
  });

  it('reports a regression target of the wrong width, and offers no units fix behind a Reshape', () => {
    const lin = template('linear-regression');
    const dense = nodeOf(lin, 'Dense');
    const wide: GraphDoc = { ...lin, nodes: lin.nodes.map((n) => (n.id === dense.id ? { ...n, params: { ...n.params, units: 3 } } : n)) };
    const [problem] = check(wide);
    expect(problem.message).toBe('The output layer has 3 units but Line y = 2x + 1 has 1 target value per sample.');
    expect(problem.fix?.value).toBe(1);

    // The autoencoder's output is a Reshape to [28, 28]; as a classifier it would need 10 values.
    const ae = template('autoencoder');
    const classify = withDataset(ae, { kind: 'builtin', name: 'mnist' });
    const [out] = check(classify);
    expect(out.message).toBe('The output layer has [28, 28] (784 values) but MNIST has 10 classes.');
    expect(out.fix).toBeUndefined();
  });

  it('looks through an Activation after the Dense for the units to fix', () => {
    const b = new GraphBuilder('act');
    const x = b.add('Input', { shape: [2] });
    b.sequence(x, [['Dense', { units: 8, activation: 'relu' }], ['Dense', { units: 5 }, 'logits'], ['Activation', { activation: 'softmax' }]]);
    const doc = b.withDataset({ kind: 'generated', name: 'spiral', samples: 100, noise: 0, trainRatio: 0.5, seed: 1 }).build();
    const [problem] = check(doc);
    expect(problem.fix).toMatchObject({ label: 'Set logits units to 2', value: 2 });
    expect(check(applyFitFix(doc, problem.fix!))).toEqual([]);
  });

  it('says when the graph has more Inputs than the dataset feeds', () => {
    const b = new GraphBuilder('two');
    const a = b.add('Input', { shape: [2] });
    const c = b.add('Input', { shape: [2] });
    const join = b.add('Concatenate');
    b.connect(a, join, 0).connect(c, join, 1);
    b.chain(join, b.add('Dense', { units: 1, activation: 'sigmoid' }));
    const doc = b.withDataset({ kind: 'generated', name: 'xor', samples: 40, noise: 0, trainRatio: 0.5, seed: 1 }).withTraining({ loss: 'binaryCrossentropy' }).build();
    expect(check(doc).map((p) => p.message)).toEqual(['The graph has 2 Input layers but XOR feeds one: delete the extra ones or merge the branches.']);
  });
});

describe('knownInfo', () => {
  it('describes MNIST subsets and the autoencoder target without the host', () => {
    const info = knownInfo({ kind: 'builtin', name: 'mnist', trainSubset: 500 });
    expect(info).toMatchObject({ ok: true, info: { inputShape: [28, 28], numClasses: 10, trainCount: 500, testCount: 10_000 } });
    expect(knownInfo({ kind: 'builtin', name: 'fashion-mnist', autoencode: true })).toMatchObject({ ok: true, info: { task: 'regression', targetSize: 784 } });
  });

  it('explains features that a one-input set does not have', () => {
    const info = knownInfo({ kind: 'generated', name: 'linear', samples: 10, noise: 0, trainRatio: 0.8, seed: 1, features: ['x2sq'] });
    expect(info).toEqual({ ok: false, message: expect.stringContaining('has one input (x)') });
    expect(knownInfo({ kind: 'csv', path: 'a.csv', target: 'y', scaling: 'none', task: 'regression', testRatio: 0.2 })).toBeNull();
  });
});
