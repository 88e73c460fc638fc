import { describe, expect, it } from 'vitest';
import { backdrop, boundaryPixels, cellColor, dataPlane, fromPixel, nearestPoint, outputAt, planeTicks, refineGrid, toPixel, unitPixels } from './boundary.ts';
import { CLASS_COLORS, PLAYGROUND_BLUE, PLAYGROUND_ORANGE } from './color.ts';
import type { BoundaryEvent } from '../../../../shared/run/index.ts';

const grid = (output: number[], numClasses = 2, predicted?: number[]): BoundaryEvent => ({
  type: 'boundary',
  step: 5,
  epoch: 1,
  xMin: -2,
  xMax: 2,
  yMin: -2,
  yMax: 2,
  size: 2,
  numClasses,
  output,
  ...(predicted ? { predicted } : {}),
  unitSize: 0,
  units: [],
});

describe('cellColor', () => {
  it('goes orange → neutral → blue with the probability of class 1, over the page colour', () => {
    // 82 % of the way from white to orange / blue.
    expect(cellColor(0, undefined, 2, false)).toEqual([247, 166, 74]);
    expect(cellColor(1, undefined, 2, false)).toEqual([52, 143, 201]);
    expect(cellColor(0.5, undefined, 2, false)).toEqual([236, 238, 239]);
    const o = cellColor(0, undefined, 2, false);
    expect(o[0]).toBeGreaterThan(PLAYGROUND_ORANGE[0]);
  });

  it('tints by the predicted class, from none at chance to strong when certain', () => {
    expect(cellColor(1 / 3, 2, 3, false)).toEqual(backdrop(false));
    const sure = cellColor(1, 2, 3, false);
    expect(sure).toEqual([84, 177, 101]);
    const half = cellColor(2 / 3, 2, 3, false);
    expect(half[1]).toBeGreaterThan(sure[1]);
    expect(cellColor(1, 0, 4, true)).not.toEqual(cellColor(1, 1, 4, true));
  });
});

describe('discretized cells', () => {
  it('paint the chosen class at full strength whatever the confidence, p = ½ counting as class 1', () => {
    const orange = cellColor(0, undefined, 2, false);
    const blue = cellColor(1, undefined, 2, false);
    for (const p of [0, 0.2, 0.49]) expect(cellColor(p, undefined, 2, false, true)).toEqual(orange);
    for (const p of [0.5, 0.51, 0.9, 1]) expect(cellColor(p, undefined, 2, false, true)).toEqual(blue);
    expect(cellColor(0.51, undefined, 2, false)).not.toEqual(blue);
  });

  it('take the predicted class colour even at chance level when there are more classes', () => {
    const sure = cellColor(1, 2, 3, false);
    expect(cellColor(1 / 3, 2, 3, false, true)).toEqual(sure);
    expect(cellColor(0.4, 0, 3, true, true)).toEqual(cellColor(1, 0, 3, true));
  });

  it('make a grid of two flat colours', () => {
    const px = boundaryPixels(grid([0.3, 0.7, 0.45, 0.55]), false, true);
    expect([...px.slice(0, 4)]).toEqual([247, 166, 74, 255]);
    expect([...px.slice(8, 12)]).toEqual([247, 166, 74, 255]);
    expect([...px.slice(4, 8)]).toEqual([52, 143, 201, 255]);
    expect([...px.slice(12, 16)]).toEqual([52, 143, 201, 255]);
  });
});

describe('refineGrid', () => {
  it('interpolates between cell centres and keeps the cells at the corners', () => {
    const fine = refineGrid(grid([0, 1, 0, 1]), 2);
    expect(fine.size).toBe(4);
    // Columns: the outer fine cells sit beyond the coarse centres and keep their value; the inner ones are a quarter and three quarters of the way.
    expect(fine.output.slice(0, 4)).toEqual([0, 0.25, 0.75, 1]);
    expect(fine.output.slice(12, 16)).toEqual([0, 0.25, 0.75, 1]);
    expect([fine.xMin, fine.xMax, fine.yMin, fine.yMax]).toEqual([-2, 2, -2, 2]);
  });

  it('moves the 0.5 crossing off the cell edges, and leaves multi-class grids alone', () => {
    const fine = refineGrid(grid([0.2, 0.6, 0.2, 0.6]), 4);
    const row = fine.output.slice(0, 8);
    // 0.5 lies three quarters of the way between the centres (cells 0.5 and 1.5), at 1.25 cells: fine column 5,
    // where thresholding the coarse cells would switch at their edge, fine column 4.
    expect(row.map((v) => (v >= 0.5 ? 1 : 0))).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
    const three = grid([0.9, 0.8, 0.7, 0.6], 3, [0, 1, 2, 0]);
    expect(refineGrid(three, 4)).toBe(three);
  });
});

describe('boundaryPixels', () => {
  it('makes one opaque RGBA pixel per cell, row 0 at the top', () => {
    const px = boundaryPixels(grid([0, 1, 0.5, 1]), false);
    expect(px.length).toBe(16);
    expect([...px.slice(0, 4)]).toEqual([247, 166, 74, 255]);
    expect([...px.slice(4, 8)]).toEqual([52, 143, 201, 255]);
  });
});

describe('unitPixels', () => {
  it('keeps zero neutral on a scale symmetric around it', () => {
    const px = unitPixels([-2, 0, 1], -2, 1, false);
    expect([...px.slice(0, 3)]).toEqual([...PLAYGROUND_ORANGE]);
    expect([...px.slice(4, 7)]).toEqual([232, 234, 235]);
    // +1 is half of the reach (2): halfway from neutral to blue.
    expect([...px.slice(8, 11)]).toEqual([120, 177, 212]);
    expect(PLAYGROUND_BLUE).toEqual([8, 119, 189]);
  });
});

describe('dataPlane', () => {
  it('pads the points by 6 % and makes a 2-D plane square', () => {
    const plane = dataPlane([[{ x: 0, y: 0, label: 0 }, { x: 10, y: 4, label: 1 }]]);
    expect(plane.xMin).toBeCloseTo(-0.6, 9);
    expect(plane.xMax).toBeCloseTo(10.6, 9);
    expect(plane.yMax - plane.yMin).toBeCloseTo(11.2, 9);
    expect((plane.yMax + plane.yMin) / 2).toBeCloseTo(2, 9);
  });

  it('plots x against the label for regression, each axis on its own', () => {
    const plane = dataPlane([[{ x: 0, y: 99, label: -1 }, { x: 10, y: 99, label: 1 }]], true);
    expect(plane.yMin).toBeCloseTo(-1.12, 9);
    expect(plane.yMax).toBeCloseTo(1.12, 9);
    expect(plane.xMax).toBeCloseTo(10.6, 9);
  });

  it('falls back to [-1, 1] without points and widens a single point', () => {
    expect(dataPlane([[]])).toEqual({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 });
    const one = dataPlane([[{ x: 3, y: 3, label: 0 }]]);
    expect(one.xMax - one.xMin).toBe(1);
  });
});

describe('plane geometry', () => {
  const plane = { xMin: -2, xMax: 2, yMin: -2, yMax: 2 };
  const box = { left: 34, top: 6, width: 200, height: 200 };

  it('maps y up and round-trips', () => {
    expect(toPixel(plane, box, -2, 2)).toEqual({ px: 34, py: 6 });
    expect(toPixel(plane, box, 0, 0)).toEqual({ px: 134, py: 106 });
    expect(fromPixel(plane, box, 184, 56)).toEqual({ x: 1, y: 1 });
  });

  it('reads the model at a point and finds the nearest data point', () => {
    const b = grid([0.1, 0.9, 0.8, 0.2]);
    expect(outputAt(b, -1, 1)).toEqual({ output: 0.1, predicted: 0 });
    expect(outputAt(b, -1, -1)).toEqual({ output: 0.8, predicted: 1 });
    expect(outputAt(b, 3, 0)).toBeNull();
    expect(outputAt(grid([0.7, 0.9, 0.5, 0.6], 3, [2, 1, 0, 0]), 1, 1)).toEqual({ output: 0.9, predicted: 1 });
    const pts = [{ px: 10, py: 10 }, { px: 20, py: 12 }];
    expect(nearestPoint(pts, 18, 11)).toBe(1);
    expect(nearestPoint(pts, 60, 60)).toBe(-1);
  });
});

describe('CLASS_COLORS', () => {
  it('starts with the two Playground colours and has ten distinct ones', () => {
    expect(CLASS_COLORS[0]).toBe(PLAYGROUND_ORANGE);
    expect(CLASS_COLORS[1]).toBe(PLAYGROUND_BLUE);
    expect(new Set(CLASS_COLORS.map((c) => c.join(','))).size).toBe(10);
  });
});

describe('planeTicks', () => {
  it('gives at least three ticks on a small padded plot', () => {
    expect(planeTicks(-4.9, 4.9, 178)).toEqual([-4, -2, 0, 2, 4]);
    expect(planeTicks(-6, 6, 238)).toEqual([-5, 0, 5]);
    expect(planeTicks(0, 1, 400)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});
