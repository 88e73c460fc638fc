import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../shared/analysis/index.ts';
import { fashionMnistMlp } from '../../../../shared/templates/fashion-mnist-mlp.ts';
import { deleteItems, setParam } from '../editor/commands.ts';
import { FlowProjection } from './adapter.ts';

const none = { nodes: [], edges: [] };

describe('document → canvas projection', () => {
  it('shows each layer\'s kind, key params, output shape and parameter count, and each edge\'s shape', () => {
    const doc = fashionMnistMlp.build();
    const p = new FlowProjection();
    const nodes = p.nodes(doc, analyze(doc), none, []);
    expect(nodes.map((n) => [n.data.kind, n.data.headline, n.data.shape, n.data.params])).toEqual([
      ['Input', 'Shape 28×28', '[null, 28, 28]', 0],
      ['Flatten', '', '[null, 784]', 0],
      ['Dense', 'Units 300 · relu', '[null, 300]', 235_500],
      ['Dense', 'Units 100 · relu', '[null, 100]', 30_100],
      ['Dense', 'Units 10 · softmax', '[null, 10]', 1_010],
    ]);
    expect(nodes[0].data.takesInput).toBe(false);
    const edges = p.edges(doc, analyze(doc), none, []);
    expect(edges.map((e) => e.data?.shape)).toEqual(['[null, 28, 28]', '[null, 784]', '[null, 300]', '[null, 100]']);
  });

  it('marks a layer with an error and the connection at fault', () => {
    const mlp = fashionMnistMlp.build();
    const doc = deleteItems(mlp, ['flatten_1'], []);
    const broken = { ...doc, edges: [...doc.edges, { id: 'e_x', source: 'input_1', target: 'dense_1', targetPort: 0 }] };
    const p = new FlowProjection();
    const dense = p.nodes(broken, analyze(broken), none, []).find((n) => n.id === 'dense_1')!;
    expect(dense.data.severity).toBe('error');
    expect(dense.data.problems).toContain('insert a Flatten');
    expect(p.edges(broken, analyze(broken), none, []).find((e) => e.id === 'e_x')!.data?.error).toBe(true);
  });

  it('reuses unchanged nodes and lists, so an edit re-renders only what it changed', () => {
    const doc = fashionMnistMlp.build();
    const p = new FlowProjection();
    const first = p.nodes(doc, analyze(doc), none, []);
    expect(p.nodes(doc, analyze(doc), none, first)).toBe(first);
    const edited = setParam(doc, 'dense_3', 'units', 20);
    const second = p.nodes(edited, analyze(edited), none, first);
    expect(second).not.toBe(first);
    expect(second.filter((n, i) => n !== first[i]).map((n) => n.id)).toEqual(['dense_3']);
    const selected = p.nodes(edited, analyze(edited), { nodes: ['input_1'], edges: [] }, second);
    expect(selected.filter((n, i) => n !== second[i]).map((n) => [n.id, n.selected])).toEqual([['input_1', true]]);
    const edges = p.edges(doc, analyze(doc), none, []);
    expect(p.edges(doc, analyze(doc), none, edges)).toBe(edges);
  });
});
