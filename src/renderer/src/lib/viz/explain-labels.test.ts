import { describe, expect, it } from 'vitest';
import { explainable, explainStages, forwardBackward } from '../../../../shared/explain/index.ts';
import { workedTwoTwoOne } from '../../../../shared/templates/worked-two-two-one.ts';
import { stageLabels, stageTitle, startWeight } from './explain-labels.ts';

const ex = explainable(workedTwoTwoOne.build());
if (!ex.ok) throw new Error(ex.reason);
const net = ex.net;
const worked = workedTwoTwoOne.worked!;
const trace = forwardBackward(net, worked.weights, worked.x, worked.target, 0.5);
const stages = explainStages(net);
const at = (k: number) => stageLabels(net, trace, stages[k]);

describe('Explain a step on the 2-2-1 worked example', () => {
  it('walks forward, loss, backward from the output, then the updates', () => {
    expect(stages.map((s) => stageTitle(net, s))).toEqual([
      'Forward through dense_1',
      'Forward through dense_2',
      'The loss',
      'Backward through dense_2',
      'Backward through dense_1',
      'Update dense_1',
      'Update dense_2',
    ]);
  });

  it('writes the textbook forward numbers on the units, and the weights on the connections', () => {
    const first = at(0);
    expect(first.units.get('in:0')).toEqual(['= 0.05']);
    expect(first.units.get('0:0')).toEqual(['z = 0.3775', 'a = 0.5933']);
    expect(first.units.get('0:1')).toEqual(['z = 0.3925', 'a = 0.5969']);
    // The output layer is not reached yet: only its bias shows.
    expect(first.units.get('1:0')).toEqual(['b = 0.6']);
    expect(first.edges.get('0:1>0')).toBe('w = 0.2');
    expect([...first.focus].sort()).toEqual(['0:0', '0:0>0', '0:0>1', '0:1', '0:1>0', '0:1>1', 'in:0', 'in:1']);
    expect(at(1).units.get('1:0')).toEqual(['z = 1.106', 'a = 0.7514']);
    expect(at(2).units.get('1:0')).toEqual(['z = 1.106', 'a = 0.7514', 'target 0.01']);
  });

  it('brings the gradients back layer by layer and ends with the updated weights', () => {
    const back2 = at(3);
    expect(back2.edges.get('1:0>0')).toBe('∂L/∂w = 0.1643');
    expect(back2.units.get('1:0')).toEqual(['∂L/∂z = 0.277', '∂L/∂b = 0.277']);
    // dense_1 still shows its forward numbers until the gradient reaches it.
    expect(back2.units.get('0:0')).toEqual(['z = 0.3775', 'a = 0.5933']);
    expect(at(4).edges.get('0:0>0')).toBe('∂L/∂w = 0.001337');
    const update1 = at(5);
    expect(update1.edges.get('0:0>0')).toBe('0.15 → 0.1493');
    expect(update1.edges.get('1:0>0')).toBe('∂L/∂w = 0.1643');
    const update2 = at(6);
    expect(update2.edges.get('1:0>0')).toBe('0.4 → 0.3178');
    expect(update2.units.get('1:0')).toEqual(['b 0.6 → 0.4615']);
    expect(startWeight(trace, 1, 1, 0)).toBeCloseTo(0.45, 12);
  });
});
