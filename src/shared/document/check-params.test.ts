import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './builder.ts';
import { checkParams } from './check-params.ts';

function lines(b: GraphBuilder): string[] {
  return checkParams(b.build()).map((i) => `${i.path}: ${i.message}`);
}

describe('checkParams', () => {
  it('accepts valid params and omitted defaults', () => {
    const b = new GraphBuilder('ok');
    b.chain(b.add('Input', { shape: [28, 28] }), b.add('Flatten'), b.add('Dense', { units: 10, activation: 'softmax' }));
    expect(lines(b)).toEqual([]);
  });

  it('names the node, the param, the expectation and the bad value', () => {
    const b = new GraphBuilder('bad');
    b.add('Input', { shape: [4] });
    b.add('Dense', { units: 8 });
    b.add('Dense', { units: 8 });
    b.add('Dense', { units: 'ten', activation: 'relu' });
    expect(lines(b)).toEqual(['nodes[3].params.units: expected a positive integer, got "ten"']);
  });

  it('reports unknown kinds with a suggestion', () => {
    const b = new GraphBuilder('typo');
    b.add('Input', { shape: [4] });
    b.add('Dense', { units: 3 });
    b.add('Dense3', { units: 3 });
    b.add('Transformer');
    const [typo, unknown] = lines(b);
    expect(typo).toBe('nodes[2].kind: unknown layer kind "Dense3": did you mean "Dense"?');
    expect(unknown).toMatch(/^nodes\[3\]\.kind: unknown layer kind "Transformer": use one of Input, Dense, Flatten/);
  });

  it('reports params the kind does not have, with the likely intended one', () => {
    const b = new GraphBuilder('unknown param');
    b.add('Dense', { unit: 3, activation: 'relu', colour: 'red' });
    const [unit, colour] = lines(b);
    expect(unit).toMatch(/^nodes\[0\]\.params\.unit: is not a parameter of Dense \(it has: units, activation, .*\); did you mean "units"\?$/);
    expect(colour).toMatch(/^nodes\[0\]\.params\.colour: is not a parameter of Dense \(it has: .*\)$/);
  });

  it('checks enums, booleans and shapes', () => {
    const b = new GraphBuilder('types');
    b.add('Input', { shape: [28, 0] });
    b.add('Dense', { units: 2, activation: 'relu7', useBias: 'yes' });
    expect(lines(b)).toEqual([
      'nodes[0].params.shape: expected a list of whole numbers ≥ 1, got [28,0]',
      expect.stringMatching(/^nodes\[1\]\.params\.activation: expected one of linear, relu, .*, got "relu7"$/),
      'nodes[1].params.useBias: expected true or false, got "yes"',
    ]);
  });
});
