import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../document/schema.ts';
import { emptyDocument, MAX_NODES } from '../document/index.ts';
import { analyze } from './analyze.ts';

/** `count` Dense layers wired in one loop, no Input: every layer is on the cycle. */
function ring(count: number): GraphDoc {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `n${i}`, kind: 'Dense', params: { units: 4 }, position: { x: 0, y: 0 } }));
  const edges = nodes.map((n, i) => ({ id: `e${i}`, source: n.id, target: nodes[(i + 1) % count].id, targetPort: 0 }));
  return { ...emptyDocument('ring'), nodes, edges };
}

/** Input → `count` parallel Dense layers: every one of them is an output. */
function fan(count: number): GraphDoc {
  const input = { id: 'in', kind: 'Input', params: { shape: [2] }, position: { x: 0, y: 0 } };
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `d${i}`, kind: 'Dense', params: { units: 1 }, position: { x: 0, y: 0 } }));
  return { ...emptyDocument('fan'), nodes: [input, ...nodes], edges: nodes.map((n, i) => ({ id: `e${i}`, source: 'in', target: n.id, targetPort: 0 })) };
}

const size = (messages: readonly { message: string }[]) => messages.reduce((a, d) => a + d.message.length, 0);

describe('analysis output stays bounded on huge graphs', () => {
  it(`reports a loop through all ${MAX_NODES.toLocaleString('en-US')} layers once, naming a few of them`, () => {
    const started = performance.now();
    const a = analyze(ring(MAX_NODES));
    expect(performance.now() - started).toBeLessThan(5_000);
    const loops = a.diagnostics.filter((d) => d.code === 'cycle');
    expect(loops[0].message).toMatch(/^The connections dense_\d+ → (dense_\d+ → ){7}…and 19,992 more form a loop/);
    expect(loops.length).toBeLessThanOrEqual(21);
    expect(size(a.diagnostics)).toBeLessThan(20_000);
    expect(a.ok).toBe(false);
  });

  it('keeps a small loop named in full on every layer of it', () => {
    const a = analyze(ring(3));
    const loops = a.diagnostics.filter((d) => d.code === 'cycle');
    expect(loops.map((d) => d.nodeId)).toEqual(['n1', 'n1', 'n2', 'n0']);
    expect(loops[1].message).toBe('dense_2 (Dense) is on a loop (dense_2 → dense_3 → dense_1): remove one of the loop\'s connections');
  });

  it('names a bounded number of the extra outputs of a very wide network', () => {
    const a = analyze(fan(MAX_NODES - 1));
    const outputs = a.diagnostics.filter((d) => d.code === 'multiple-outputs');
    expect(outputs.length).toBeLessThanOrEqual(20);
    expect(outputs[0].message).toContain('…and 19,991 more');
    expect(size(a.diagnostics)).toBeLessThan(20_000);
  });
});
