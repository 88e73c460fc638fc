import { describe, expect, it } from 'vitest';
import type { KernelImages } from '../../../../shared/protocol/trainer.ts';
import { kernelIndexAt, kernelLayout, kernelRgba, stretched } from './kernel-grid.ts';

describe('kernelLayout', () => {
  it('fits 64 MNIST pictures at 56 px in ten columns of a 640 px panel', () => {
    const l = kernelLayout(64, 28, 28, 640, 56, 2);
    expect(l.scale).toBe(4);
    expect(l.cellWidth).toBe(56);
    expect(l.cols).toBe(10);
    expect(l.rows).toBe(7);
    expect(l.width).toBe(10 * 56 + 9 * 4);
    expect(l.height).toBe(7 * 56 + 6 * 4);
  });

  it('rounds to whole device pixels per weight and never below one', () => {
    const l = kernelLayout(10, 28, 28, 300, 36, 1);
    expect(l.scale).toBe(1);
    expect(l.cellWidth).toBe(28);
    expect(kernelLayout(3, 5, 5, 1000, 56, 1).cols).toBe(3);
    expect(kernelLayout(3, 28, 28, 0, 56, 1).cols).toBe(1);
  });

  it('finds the picture under the pointer, not in gaps or empty slots', () => {
    const l = kernelLayout(12, 28, 28, 640, 56, 1);
    expect(kernelIndexAt(l, 12, 10, 10)).toBe(0);
    expect(kernelIndexAt(l, 12, 60 + 10, 60 + 10)).toBe(l.cols + 1);
    expect(kernelIndexAt(l, 12, 57, 10)).toBe(-1);
    expect(kernelIndexAt(l, 12, 60 * 5, 60 + 10)).toBe(-1);
  });
});

describe('kernelRgba', () => {
  const grey: KernelImages = { width: 2, height: 1, channels: 1, absMax: 0.5, images: [[0, 255]], units: 1 };

  it('draws grey weights as grey, 128 for zero', () => {
    expect([...kernelRgba(grey, 0)]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
  });

  it('can draw them blue to red instead, and RGB images as they are', () => {
    const d = kernelRgba(grey, 0, 'diverging');
    expect([...d.slice(0, 3)]).toEqual([24, 84, 168]);
    expect([...d.slice(4, 7)]).toEqual([176, 28, 42]);
    const rgb: KernelImages = { width: 1, height: 1, channels: 3, absMax: 1, images: [[10, 20, 30]], units: 4 };
    expect([...kernelRgba(rgb, 0)]).toEqual([10, 20, 30, 255]);
  });

  it('stretches a faint picture to full contrast around mid-grey', () => {
    expect(stretched([118, 128, 137])).toEqual([0, 134, 255]);
    expect([...kernelRgba({ ...grey, images: [[120, 135]] }, 0, 'grey', false, 'unit')].filter((_, i) => i % 4 === 0)).toEqual([0, 255]);
  });
});
