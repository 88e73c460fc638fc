/**
 * UnsortedSegmentSum, which the gradient of a gather needs (an Embedding
 * layer's lookup): rows of x with the same segment id are summed into that
 * segment's row. wasm lacks it; its ScatterNd adds updates that land on the
 * same index, which is exactly this.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from '../types.ts';
import { KernelCalls } from './calls.ts';

export function unsortedSegmentSumConfig(tf: Tf, backendName: string): KernelConfig {
  const kernelFunc = ({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo => {
    const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
    const { numSegments } = attrs as unknown as { numSegments: number };
    const idRank = segmentIds.shape.length;
    const rows = segmentIds.shape.reduce((p, d) => p * d, 1);
    const rowShape = x.shape.slice(idRank);
    const k = new KernelCalls(tf, backend, backendName);
    try {
      const indices = k.reshape(segmentIds.dtype === 'int32' ? segmentIds : k.run('Cast', { x: segmentIds }, { dtype: 'int32' }), [rows, 1]);
      const updates = k.reshape(x, [rows, ...rowShape]);
      return k.finish(k.run('ScatterNd', { indices, updates }, { shape: [numSegments, ...rowShape] }));
    } catch (err) {
      k.abandon();
      throw err;
    }
  };
  return { kernelName: 'UnsortedSegmentSum', backendName, kernelFunc: kernelFunc as KernelFunc };
}
