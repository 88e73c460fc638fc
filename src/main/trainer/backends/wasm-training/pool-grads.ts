/**
 * The max-pooling gradient on wasm. tfjs' rule: each window's dy goes to the
 * window's largest input, the first one in row-major order on a tie, and
 * padding never wins. wasm's own MaxPoolGrad breaks that rule twice (a tie
 * goes to the last position, and a window of negative values at a 'same'
 * border loses its gradient to the padding), and it is slow.
 *
 * Netwright's own kernel (native/kernels.c) does it in one pass. Where that
 * kernel cannot be bound, whole-tensor kernels do: windows that tile the
 * image (pool size equal to the stride, MaxPooling2D's default) are viewed
 * as an axis of their own (one argmax, one one-hot mask); any other windows
 * (overlapping, or padded) take one strided slice per window position, and
 * the gradients of overlapping windows add up.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from '../types.ts';
import { KernelCalls } from './calls.ts';
import type { NativeKernels } from './native.ts';

interface PoolAttrs {
  readonly filterSize: number | readonly [number, number];
  readonly strides: number | readonly [number, number];
  readonly pad: 'valid' | 'same' | number;
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

type PoolInfo = ReturnType<Tf['backend_util']['computePool2DInfo']>;

/** One-hot float mask of `winner` (int32 positions) over `depth` positions: wasm's OneHot writes int32 only. */
function mask(k: KernelCalls, winner: TensorInfo, depth: number): TensorInfo {
  return k.run('Cast', { x: k.run('OneHot', { indices: winner }, { depth, onValue: 1, offValue: 0, dtype: 'int32' }) }, { dtype: 'float32' });
}

function tiled(k: KernelCalls, dy: TensorInfo, input: TensorInfo, c: PoolInfo): TensorInfo {
  const [b, h, w, ch] = input.shape;
  const { outHeight: oh, outWidth: ow, filterHeight: ph, filterWidth: pw } = c;
  const covered = oh * ph < h || ow * pw < w ? k.run('Slice', { x: input }, { begin: [0, 0, 0, 0], size: [b, oh * ph, ow * pw, ch] }) : input;
  const windows = k.reshape(k.transpose(k.reshape(covered, [b, oh, ph, ow, pw, ch]), [0, 1, 3, 5, 2, 4]), [b * oh * ow * ch, ph * pw]);
  const winner = k.run('ArgMax', { x: windows }, { axis: 1 });
  const routed = k.run('Multiply', { a: mask(k, winner, ph * pw), b: k.reshape(dy, [b * oh * ow * ch, 1]) });
  const back = k.reshape(k.transpose(k.reshape(routed, [b, oh, ow, ch, ph, pw]), [0, 1, 4, 2, 5, 3]), [b, oh * ph, ow * pw, ch]);
  return covered === input ? back : k.run('PadV2', { x: back }, { paddings: [[0, 0], [0, h - oh * ph], [0, w - ow * pw], [0, 0]], constantValue: 0 });
}

function general(k: KernelCalls, dy: TensorInfo, input: TensorInfo, c: PoolInfo): TensorInfo {
  const [b, h, w, ch] = input.shape;
  const { outHeight: oh, outWidth: ow, filterHeight: ph, filterWidth: pw, strideHeight: sh, strideWidth: sw } = c;
  const { top, left } = c.padInfo;
  // Room for every window: padding that can never be the maximum.
  const fullH = Math.max(h + top, (oh - 1) * sh + ph);
  const fullW = Math.max(w + left, (ow - 1) * sw + pw);
  const padded = k.run('PadV2', { x: input }, { paddings: [[0, 0], [top, fullH - h - top], [left, fullW - w - left], [0, 0]], constantValue: -Infinity });
  const taps: TensorInfo[] = [];
  for (let i = 0; i < ph; i++) {
    for (let j = 0; j < pw; j++) {
      taps.push(k.run('StridedSlice', { x: padded }, {
        begin: [0, i, j, 0], end: [b, i + (oh - 1) * sh + 1, j + (ow - 1) * sw + 1, ch], strides: [1, sh, sw, 1],
        beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
      }));
    }
  }
  const winner = k.run('ArgMax', { x: k.run('Pack', taps, { axis: 4 }) }, { axis: 4 });
  const routed = k.run('Multiply', { a: mask(k, winner, ph * pw), b: k.reshape(dy, [b, oh, ow, ch, 1]) });
  // Each window position's share, spread back to where that tap reads: zeros between by the stride, shifted by the tap.
  // (XNNPACK pads at most 6 axes, so channels and taps share one.)
  const spread = k.run('PadV2', { x: k.reshape(routed, [b, oh, 1, ow, 1, ch * ph * pw]) }, { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 });
  const flat = k.reshape(spread, [b, oh * sh, ow * sw, ch, ph * pw]);
  const parts: TensorInfo[] = [];
  for (let i = 0; i < ph; i++) {
    for (let j = 0; j < pw; j++) {
      const share = k.run('Slice', { x: flat }, { begin: [0, 0, 0, 0, i * pw + j], size: [b, oh * sh, ow * sw, ch, 1] });
      const rows = Math.min(oh * sh, fullH - i);
      const cols = Math.min(ow * sw, fullW - j);
      const fitted = k.run('Slice', { x: k.reshape(share, [b, oh * sh, ow * sw, ch]) }, { begin: [0, 0, 0, 0], size: [b, rows, cols, ch] });
      parts.push(k.run('PadV2', { x: fitted }, { paddings: [[0, 0], [i, fullH - i - rows], [j, fullW - j - cols], [0, 0]], constantValue: 0 }));
    }
  }
  const sum = parts.length === 1 ? parts[0] : k.run('AddN', parts);
  return k.run('Slice', { x: sum }, { begin: [0, top, left, 0], size: [b, h, w, ch] });
}

/** `native`: Netwright's own kernel (native/kernels.c), where it could be bound; otherwise the composed ones. */
export function maxPoolGradConfig(tf: Tf, backendName: string, native: NativeKernels | null): KernelConfig {
  const kernelFunc = ({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo => {
    const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
    const a = attrs as unknown as PoolAttrs;
    const c = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], a.filterSize as never, a.strides as never, 1, a.pad, a.dimRoundingMode);
    if (native) {
      const dx = native.output([...input.shape]);
      native.maxPoolGrad(native.at(input), native.at(dy), native.at(dx), c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth,
        c.filterHeight, c.filterWidth, c.strideHeight, c.strideWidth, c.padInfo.top, c.padInfo.left);
      return dx;
    }
    const tiles = c.strideHeight === c.filterHeight && c.strideWidth === c.filterWidth && c.padInfo.top === 0 && c.padInfo.left === 0 && c.outHeight * c.filterHeight <= c.inHeight && c.outWidth * c.filterWidth <= c.inWidth;
    const k = new KernelCalls(tf, backend, backendName);
    try {
      return k.finish(tiles ? tiled(k, dy, input, c) : general(k, dy, input, c));
    } catch (err) {
      k.abandon();
      throw err;
    }
  };
  return { kernelName: 'MaxPoolGrad', backendName, kernelFunc: kernelFunc as KernelFunc };
}
