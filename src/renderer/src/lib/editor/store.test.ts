import { describe, expect, it } from 'vitest';
import { emptySearch } from '../../../../shared/search/spec.ts';
import { fashionMnistMlp } from '../../../../shared/templates/fashion-mnist-mlp.ts';
import { xorMlp } from '../../../../shared/templates/xor-mlp.ts';
import { EditorStore } from './store.ts';

/** Input 28×28 → Flatten → Dense 300 → Dense 100 → Dense 10, built through the store as a user would. */
function buildMlp(store: EditorStore): string[] {
  const ids = [
    store.addNode('Input', { x: 0, y: 0 }),
    store.addNode('Flatten', { x: 220, y: 0 }),
    store.addNode('Dense', { x: 440, y: 0 }),
    store.addNode('Dense', { x: 660, y: 0 }),
    store.addNode('Dense', { x: 880, y: 0 }),
  ];
  store.setParam(ids[0], 'shape', [28, 28]);
  store.setParam(ids[2], 'units', 300);
  store.setParam(ids[3], 'units', 100);
  store.setParam(ids[4], 'units', 10);
  for (let i = 1; i < ids.length; i++) expect(store.connect(ids[i - 1], ids[i])).toEqual({ ok: true });
  return ids;
}

describe('EditorStore', () => {
  it('builds the Fashion-MNIST MLP edit by edit and sums 266,610 parameters', () => {
    const store = new EditorStore();
    buildMlp(store);
    expect(store.analysis.summary.totalParams).toBe(266_610);
    expect(store.analysis.summary.layers.map((l) => l.params)).toEqual([0, 0, 235_500, 30_100, 1_010]);
    expect(store.dirty).toBe(true);
  });

  it('undoes and redoes across several edits, back to the empty canvas and forward again', () => {
    const store = new EditorStore();
    buildMlp(store);
    const built = store.doc;
    const steps = store.historySize;
    expect(steps).toBe(5 + 4 + 4);
    for (let i = 0; i < 4; i++) store.undo();
    expect(store.doc.edges).toHaveLength(0);
    expect(store.analysis.summary.totalParams).toBe(0);
    store.undo(); // units of the last Dense back to the default
    expect(store.doc.nodes[4].params).toEqual({});
    while (store.undo());
    expect(store.doc.nodes).toHaveLength(0);
    expect(store.dirty).toBe(false);
    expect(store.canUndo).toBe(false);
    while (store.redo());
    expect(store.doc).toEqual(built);
    expect(store.analysis.summary.totalParams).toBe(266_610);
  });

  it("edits the template's lesson as one undo step, and blank text takes it out", () => {
    const store = new EditorStore(xorMlp.build());
    const lesson = store.doc.meta.lesson!;
    expect(lesson).toMatch(/hidden/);
    store.setLesson('  Try 8 hidden units.  ');
    expect(store.doc.meta.lesson).toBe('Try 8 hidden units.');
    const steps = store.historySize;
    store.setLesson('Try 8 hidden units.');
    expect(store.historySize).toBe(steps);
    store.setLesson('   ');
    expect('lesson' in store.doc.meta).toBe(false);
    expect(store.undo()).toBe('Remove lesson');
    expect(store.undo()).toBe('Edit lesson');
    expect(store.doc.meta.lesson).toBe(lesson);
  });

  it('records a whole drag as one step, whatever the number of intermediate moves', () => {
    const store = new EditorStore();
    const id = store.addNode('Dense', { x: 0, y: 0 });
    const before = store.historySize;
    for (let x = 10; x <= 200; x += 10) store.moveNodes(new Map([[id, { x, y: x / 2 }]]), 'eventually');
    store.endGesture();
    expect(store.historySize).toBe(before + 1);
    expect(store.doc.nodes[0].position).toEqual({ x: 200, y: 100 });
    store.undo();
    expect(store.doc.nodes[0].position).toEqual({ x: 0, y: 0 });
    store.redo();
    expect(store.doc.nodes[0].position).toEqual({ x: 200, y: 100 });
  });

  it('makes a parameter edit one step, restoring the old value and the summary on undo', () => {
    const store = new EditorStore();
    const [, , dense] = buildMlp(store);
    const steps = store.historySize;
    store.setParam(dense, 'units', 64);
    expect(store.historySize).toBe(steps + 1);
    expect(store.analysis.summary.totalParams).toBe(784 * 64 + 64 + 64 * 100 + 100 + 1_010);
    expect(store.undoLabel).toBe('Set units');
    store.undo();
    expect(store.doc.nodes.find((n) => n.id === dense)!.params.units).toBe(300);
    expect(store.analysis.summary.totalParams).toBe(266_610);
  });

  it('puts an undone delete back at its place in the document, so default names do not shift', () => {
    const store = new EditorStore();
    const ids = buildMlp(store);
    const names = () => store.analysis.summary.layers.map((l) => l.name);
    const before = names();
    store.select({ nodes: [ids[2]], edges: [] });
    store.deleteSelection();
    expect(store.doc.nodes.map((n) => n.id)).not.toContain(ids[2]);
    store.undo();
    expect(store.doc.nodes.map((n) => n.id)).toEqual(ids);
    expect(names()).toEqual(before);
    expect(store.selection.nodes).toEqual([ids[2]]);
  });

  it('pastes copied layers with fresh ids and their inner connection, as project JSON', () => {
    const store = new EditorStore();
    const ids = buildMlp(store);
    store.select({ nodes: [ids[2], ids[3]], edges: [] });
    const text = store.copy()!;
    expect(JSON.parse(text).format).toBe('netwright-project');
    expect(store.paste(text)).toBe(true);
    const pasted = store.selection.nodes;
    expect(pasted).toHaveLength(2);
    for (const id of pasted) expect(ids).not.toContain(id);
    const inner = store.doc.edges.filter((e) => pasted.includes(e.source) && pasted.includes(e.target));
    expect(inner).toHaveLength(1);
    const original = store.doc.nodes.find((n) => n.id === ids[2])!;
    const copy = store.doc.nodes.find((n) => n.id === pasted[0])!;
    expect(copy.params).toEqual(original.params);
    expect(copy.position).toEqual({ x: original.position.x + 40, y: original.position.y + 40 });
    expect(store.paste('not a project')).toBe(false);
  });

  it('refuses a connection that would close a loop, naming the loop', () => {
    const store = new EditorStore();
    const a = store.addNode('Dense', { x: 0, y: 0 });
    const b = store.addNode('Dense', { x: 200, y: 0 });
    const c = store.addNode('Add', { x: 400, y: 0 });
    store.connect(a, b);
    store.connect(b, c);
    const steps = store.historySize;
    const refused = store.connect(c, a);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toBe('That would make a loop (dense_1 → dense_2 → add_1 → dense_1): data cannot flow in a circle');
    expect(store.historySize).toBe(steps);
    expect(store.doc.edges).toHaveLength(2);
  });

  it('refuses impossible connections with a reason and gives merge layers the next free slot', () => {
    const store = new EditorStore();
    const x = store.addNode('Input', { x: 0, y: 0 });
    const y = store.addNode('Input', { x: 0, y: 200 });
    const d = store.addNode('Dense', { x: 200, y: 0 });
    expect(store.connect(d, x)).toEqual({ ok: false, reason: 'input_1 (Input) is where data enters and takes no input' });
    store.connect(x, d);
    const second = store.connect(y, d);
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.reason).toMatch(/^dense_1 \(Dense\) takes one input and already gets input_1/);
    const add = store.addNode('Add', { x: 400, y: 0 });
    store.connect(x, add);
    store.connect(y, add);
    expect(store.doc.edges.filter((e) => e.target === add).map((e) => e.targetPort)).toEqual([0, 1]);
  });

  it('lets a Dense take a 28×28 input, then applies the Insert Flatten fix as one undoable step', () => {
    const store = new EditorStore();
    const x = store.addNode('Input', { x: 0, y: 0 });
    store.setParam(x, 'shape', [28, 28]);
    const d = store.addNode('Dense', { x: 400, y: 0 });
    expect(store.connect(x, d)).toEqual({ ok: true });
    const diag = store.analysis.diagnostics.find((g) => g.code === 'shape' && g.nodeId === d)!;
    expect(diag.message).toContain('insert a Flatten');
    store.applyFix(diag);
    expect(store.analysis.diagnostics.filter((g) => g.severity === 'error')).toEqual([]);
    expect(store.analysis.summary.layers.map((l) => l.kind)).toEqual(['Input', 'Flatten', 'Dense']);
    store.undo();
    expect(store.analysis.diagnostics.some((g) => g.code === 'shape')).toBe(true);
  });

  it('loads a template clean, lays it out left to right, and tracks saving', () => {
    const store = new EditorStore();
    store.load(fashionMnistMlp.build(), '/tmp/mlp.json');
    expect(store.dirty).toBe(false);
    store.autoLayout();
    const xs = store.analysis.order.map((id) => store.doc.nodes.find((n) => n.id === id)!.position.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(store.doc.nodes.map((n) => n.position.y)).size).toBe(1);
    store.markSaved('/tmp/mlp.json');
    expect(store.dirty).toBe(false);
    store.selectAll();
    store.duplicate();
    expect(store.doc.nodes).toHaveLength(10);
    expect(store.dirty).toBe(true);
  });

  it('adds a missing Input through its fix and wires it to the first layer', () => {
    const store = new EditorStore();
    const dense = store.addNode('Dense', { x: 300, y: 0 });
    const missing = store.analysis.diagnostics.find((d) => d.code === 'no-input')!;
    expect(missing.fix?.kind).toBe('add-input');
    store.applyFix(missing);
    const input = store.selection.nodes[0];
    expect(store.doc.nodes.find((n) => n.id === input)!.kind).toBe('Input');
    expect(store.doc.edges).toEqual([expect.objectContaining({ source: input, target: dense, targetPort: 0 })]);
    expect(store.analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('fixes softmax with mean squared error in the training settings, as one undoable step', () => {
    const store = new EditorStore();
    store.load(fashionMnistMlp.build(), null);
    store.setTraining({ ...store.doc.training, loss: 'meanSquaredError' }, 'Set loss');
    const output = store.doc.nodes.find((n) => n.params.activation === 'softmax')!;
    const warning = store.analysis.diagnostics.find((d) => d.code === 'loss-mismatch')!;
    store.applyFix(warning);
    expect(store.doc.training.loss).toBe('sparseCategoricalCrossentropy');
    expect(store.doc.nodes.find((n) => n.id === output.id)!.params).toEqual(output.params);
    expect(store.analysis.diagnostics).toEqual([]);
    expect(store.undoLabel).toBe('Use sparse categorical cross-entropy');
    store.undo();
    expect(store.doc.training.loss).toBe('meanSquaredError');
    expect(store.undoLabel).toBe('Set loss');
  });

  it('pastes layers copied in another window', () => {
    const source = new EditorStore();
    buildMlp(source);
    source.selectAll();
    const text = source.copy()!;
    const target = new EditorStore();
    target.addNode('Dense', { x: 0, y: 0 });
    expect(target.paste(text, { x: 0, y: 400 })).toBe(true);
    expect(target.doc.nodes).toHaveLength(6);
    expect(target.doc.edges).toHaveLength(4);
    expect(Math.min(...target.selection.nodes.map((id) => target.doc.nodes.find((n) => n.id === id)!.position.y))).toBe(400);
  });
});

describe('EditorStore and the project search', () => {
  const units = { id: 'units', target: { kind: 'layer' as const, nodes: ['dense_1'], param: 'units' }, values: { kind: 'list' as const, items: [2, 8] } };
  const rate = { id: 'lr', target: { kind: 'training' as const, setting: 'learningRate' as const }, values: { kind: 'list' as const, items: [0.05, 0.2] } };

  it('records setting up and editing a search as undo steps, and undoing back leaves no search key', () => {
    const doc = xorMlp.build();
    const store = new EditorStore(doc);
    store.setSearch(emptySearch(), 'Set up a search');
    expect(store.dirty).toBe(true);
    store.setSearch({ ...store.doc.search!, dimensions: [units] }, 'Add units');
    expect(store.undoLabel).toBe('Add units');
    store.undo();
    expect(store.doc.search?.dimensions).toEqual([]);
    store.undo();
    expect('search' in store.doc).toBe(false);
    expect(store.dirty).toBe(false);
    store.redo();
    store.redo();
    expect(store.doc.search?.dimensions).toEqual([units]);
    store.setSearch(null, 'Remove search');
    expect('search' in store.doc).toBe(false);
    store.undo();
    expect(store.doc.search?.dimensions).toEqual([units]);
  });

  it('applies a trial as one step that keeps the search, and Undo restores the original values', () => {
    const store = new EditorStore(xorMlp.build());
    const spec = { ...emptySearch(), dimensions: [units, rate] };
    store.setSearch(spec, 'Set up a search');
    expect(store.applyTrial(spec, { index: 2, values: { units: 8, lr: 0.05 } })).toBe(true);
    expect(store.undoLabel).toBe('Apply trial 3');
    expect(store.doc.nodes.find((n) => n.id === 'dense_1')!.params.units).toBe(8);
    expect(store.doc.training.learningRate).toBe(0.05);
    expect(store.doc.search).toBe(spec);
    expect(store.applyTrial(spec, { index: 2, values: { units: 8, lr: 0.05 } })).toBe(false);
    store.undo();
    expect(store.doc.nodes.find((n) => n.id === 'dense_1')!.params.units).toBe(4);
    expect(store.doc.search).toBe(spec);
  });
});
