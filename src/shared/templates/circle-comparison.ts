import { GraphBuilder } from '../document/builder.ts';

/**
 * The network both comparison templates train four times over: two tanh
 * layers of 8 units and a sigmoid output, on the circle set, so that a
 * search over one setting is all that differs between the trials.
 */
export function circleComparison(title: string, description: string, lesson: string, seed: number): GraphBuilder {
  const b = new GraphBuilder(title, description);
  const x = b.add('Input', { shape: [2] });
  b.sequence(x, [
    ['Dense', { units: 8, activation: 'tanh' }],
    ['Dense', { units: 8, activation: 'tanh' }],
    ['Dense', { units: 1, activation: 'sigmoid' }],
  ]);
  return b.withLesson(lesson).withDataset({ kind: 'generated', name: 'circle', samples: 400, noise: 0.05, trainRatio: 0.8, seed });
}
