/**
 * The two gradients of a 2-D convolution written as forward convolutions,
 * which the wasm backend runs through XNNPACK (SIMD, and threads where the
 * threaded build loads). Conv1D reaches them too: tfjs runs it as a Conv2D of
 * height 1.
 *
 * Filter gradient: with y[o] = Σ_k x[o·s + k·d − p]·w[k], the gradient
 * dw[k] = Σ_{b,o} x[b, k·d + o·s − p]·dy[b, o] is itself a convolution once
 * batch and channels swap places: x viewed as [ci, h, w, batch] is the input,
 * dy viewed as [oh, ow, batch, co] is the filter, the forward stride becomes
 * the dilation and the forward dilation the stride, and the output is
 * [ci, kh, kw, co]. wasm has no Conv2DBackpropFilter at all; this provides
 * it where Netwright's own kernel (native/kernels.c, 2–10× faster on a
 * small CNN's shapes) cannot be bound.
 *
 * Input gradient: dx is the correlation of dy, spread out by the stride (zeros
 * between its rows and columns), with the filter turned by 180° and its two
 * channel axes swapped. wasm's own Conv2DBackpropInput is a plain loop, about
 * 5× slower than this on the shapes of a small CNN (bench/engine.ts).
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from '../types.ts';
import { KernelCalls } from './calls.ts';
import type { NativeKernels } from './native.ts';

interface ConvAttrs {
  readonly strides: number | readonly [number, number];
  readonly pad: 'valid' | 'same' | number | readonly (readonly [number, number])[];
  readonly dataFormat?: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

type Shape4 = [number, number, number, number];

function convInfo(tf: Tf, xShape: readonly number[], filterShape: readonly number[], attrs: ConvAttrs) {
  if (attrs.dataFormat === 'NCHW') throw new Error('the wasm convolution gradients support channels-last data only');
  return tf.backend_util.computeConv2DInfo(xShape as Shape4, filterShape as Shape4, attrs.strides as never, 1, attrs.pad as never, attrs.dimRoundingMode, false, 'channelsLast');
}

/** `native`: Netwright's own kernel (native/kernels.c), where it could be bound; otherwise the composed one. */
export function conv2DBackpropFilterConfig(tf: Tf, backendName: string, native: NativeKernels | null): KernelConfig {
  const kernelFunc = ({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const a = attrs as unknown as ConvAttrs & { filterShape: Shape4 };
    const c = convInfo(tf, x.shape, a.filterShape, a);
    const [kh, kw] = a.filterShape;
    const { top, left } = c.padInfo;
    if (native) {
      const dw = native.output([...a.filterShape]);
      native.conv2dFilterGrad(native.at(x), native.at(dy), native.at(dw), c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth, c.outChannels,
        kh, kw, c.strideHeight, c.strideWidth, c.dilationHeight, c.dilationWidth, top, left);
      return dw;
    }
    // The padding after the image that makes the output exactly kh × kw; when negative, those rows are never read and are cut off instead.
    const bottom = (kh - 1) * c.dilationHeight + (c.outHeight - 1) * c.strideHeight + 1 - c.inHeight - top;
    const right = (kw - 1) * c.dilationWidth + (c.outWidth - 1) * c.strideWidth + 1 - c.inWidth - left;
    const k = new KernelCalls(tf, backend, backendName);
    try {
      let xT = k.transpose(x, [3, 1, 2, 0]);
      if (bottom < 0 || right < 0) {
        xT = k.run('Slice', { x: xT }, { begin: [0, 0, 0, 0], size: [c.inChannels, c.inHeight + Math.min(0, bottom), c.inWidth + Math.min(0, right), c.batchSize] });
      }
      const dyT = k.transpose(dy, [1, 2, 0, 3]);
      const grad = k.run('Conv2D', { x: xT, filter: dyT }, {
        strides: [c.dilationHeight, c.dilationWidth],
        dilations: [c.strideHeight, c.strideWidth],
        pad: [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]],
        dataFormat: 'NHWC',
      });
      return k.finish(k.transpose(grad, [1, 2, 0, 3]));
    } catch (err) {
      k.abandon();
      throw err;
    }
  };
  return { kernelName: 'Conv2DBackpropFilter', backendName, kernelFunc: kernelFunc as KernelFunc };
}

/**
 * `fallback` is the backend's own kernel, kept for the padding this
 * formulation cannot express (explicit padding wider than the filter).
 */
export function conv2DBackpropInputConfig(tf: Tf, backendName: string, fallback: KernelFunc | null): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const a = attrs as unknown as ConvAttrs & { inputShape: Shape4 };
    const c = convInfo(tf, a.inputShape, filter.shape, a);
    const [kh, kw] = filter.shape;
    const sh = c.strideHeight;
    const sw = c.strideWidth;
    const { top, left } = c.padInfo;
    const before = [kh - 1 - top, kw - 1 - left];
    // dy spread by the stride spans (out − 1)·s + 1 rows; the correlation needs in + k − 1 of them in all.
    const spreadH = (c.outHeight - 1) * sh + 1;
    const spreadW = (c.outWidth - 1) * sw + 1;
    const after = [c.inHeight + kh - 1 - before[0] - spreadH, c.inWidth + kw - 1 - before[1] - spreadW];
    if (Math.min(...before, ...after) < 0) {
      if (!fallback) throw new Error('this convolution padding has no wasm input gradient');
      return fallback(args) as TensorInfo;
    }
    const k = new KernelCalls(tf, backend, backendName);
    try {
      let spread = dy;
      if (sh > 1 || sw > 1) {
        // Zeros between rows and columns: [b, oh, 1, ow, 1, c] padded to [b, oh, sh, ow, sw, c], then cut to the spread length.
        const [b, oh, ow, co] = dy.shape;
        const gaps = k.run('PadV2', { x: k.reshape(dy, [b, oh, 1, ow, 1, co]) }, { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 });
        spread = k.run('Slice', { x: k.reshape(gaps, [b, oh * sh, ow * sw, co]) }, { begin: [0, 0, 0, 0], size: [b, spreadH, spreadW, co] });
      }
      const turned = k.transpose(k.run('Reverse', { x: filter }, { dims: [0, 1] }), [0, 1, 3, 2]);
      const dx = k.run('Conv2D', { x: spread, filter: turned }, {
        strides: [1, 1],
        dilations: [1, 1],
        pad: [[0, 0], [before[0], after[0]], [before[1], after[1]], [0, 0]],
        dataFormat: 'NHWC',
      });
      return k.finish(dx);
    } catch (err) {
      k.abandon();
      throw err;
    }
  };
  return { kernelName: 'Conv2DBackpropInput', backendName, kernelFunc: kernelFunc as KernelFunc };
}
