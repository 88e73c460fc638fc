/**
 * Adam's update as three WebGPU kernels per variable instead of tfjs' ~17
 * (each mul, add, div, sqrt and square is a dispatch of its own), with β, ε,
 * the rate and the bias corrections passed as uniforms rather than uploaded as
 * tensors. On WebGPU the step's cost is mostly per dispatch and per submit,
 * not arithmetic (../shared/gpu/README.md), so fewer dispatches is the lever.
 * Uses tfjs-backend-webgpu's program interface (runWebGPUProgram), which is
 * internal: when it is missing, device-adam.ts keeps to tfjs ops.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from './backends/types.ts';

type Uniform = { readonly type: 'float32'; readonly data: readonly number[] };

interface WebgpuBackendLike {
  runWebGPUProgram(program: object, inputs: readonly TF.TensorInfo[], dtype: 'float32', uniforms: readonly Uniform[]): TF.TensorInfo;
}

const WORKGROUP = 64;

/** An element-wise program over a tensor of `shape`, in the shape tfjs' WebGPU program runner expects. */
function program(shape: readonly number[], key: string, inputs: readonly string[], uniforms: string, body: string): object {
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    outputShape: [...shape],
    shaderKey: key,
    variableNames: [...inputs],
    uniforms,
    workgroupSize: [WORKGROUP, 1, 1],
    size: true,
    dispatchLayout: { x: shape.map((_, i) => i) },
    dispatch: [Math.ceil(size / WORKGROUP), 1, 1],
    getUserCode: () => `
      fn main(index : i32) {
        if (index < uniforms.size) {
          ${body}
        }
      }`,
  };
}

export interface AdamConstants {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly rate: number;
  /** 1 − β1^t and 1 − β2^t for this step. */
  readonly correction1: number;
  readonly correction2: number;
}

export type FusedAdamUpdate = (w: TF.Tensor, m: TF.Tensor, v: TF.Tensor, g: TF.Tensor, c: AdamConstants) => { w: TF.Tensor; m: TF.Tensor; v: TF.Tensor };

/** The fused update on the current backend, or null when it is not WebGPU (or not the WebGPU this was written against). */
export function fusedAdamUpdate(tf: Tf): FusedAdamUpdate | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const backend = tf.backend() as unknown as Partial<WebgpuBackendLike>;
  if (typeof backend.runWebGPUProgram !== 'function') return null;
  const run = (p: object, inputs: readonly TF.Tensor[], uniforms: readonly number[]) =>
    tf.engine().makeTensorFromTensorInfo(
      backend.runWebGPUProgram!(
        p,
        inputs,
        'float32',
        uniforms.map((u) => ({ type: 'float32', data: [u] })),
      ),
    );
  return (w, m, v, g, c) => {
    const shape = w.shape;
    const moment = (squared: boolean) =>
      program(shape, `netwright-adam-moment-${squared}`, ['M', 'G'], 'keep : f32, take : f32,', `
          let g = getGByOutputIndex(index);
          setOutputAtIndex(index, uniforms.keep * getMByOutputIndex(index) + uniforms.take * ${squared ? 'g * g' : 'g'});`);
    const newM = run(moment(false), [m, g], [c.beta1, 1 - c.beta1]);
    const newV = run(moment(true), [v, g], [c.beta2, 1 - c.beta2]);
    const step = program(shape, 'netwright-adam-step', ['W', 'M', 'V'], 'negRate : f32, c1 : f32, c2 : f32, eps : f32,', `
          let mHat = getMByOutputIndex(index) / uniforms.c1;
          let vHat = getVByOutputIndex(index) / uniforms.c2;
          setOutputAtIndex(index, mHat / (sqrt(vHat) + uniforms.eps) * uniforms.negRate + getWByOutputIndex(index));`);
    const newW = run(step, [w, newM, newV], [-c.rate, c.correction1, c.correction2, c.epsilon]);
    return { w: newW, m: newM, v: newV };
  };
}
