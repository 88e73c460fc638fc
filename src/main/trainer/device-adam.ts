/**
 * Adam with its constants kept on the device. tfjs' own Adam turns each of
 * β1, 1−β1, β2, 1−β2, ε and −rate into a fresh tensor for every variable at
 * every step; on a GPU backend each of those is an upload (a new mapped buffer
 * and a copy), 40 of them per step for a three-layer MLP, which profiles on
 * the H100 found to be a sixth of the step. Here they are made once (the rate
 * again only when a schedule changes it). The arithmetic is tfjs' own, op for
 * op, so the weights match tf.train.adam's bit for bit on the same backend;
 * on WebGPU the update is fused into three kernels per variable instead
 * (webgpu-adam.ts), and on wasm into one (wasm-adam.ts), equal to tfjs'
 * within float rounding.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from './backends/types.ts';
import { wasmAdamUpdate } from './wasm-adam.ts';
import { fusedAdamUpdate } from './webgpu-adam.ts';

const BETA1 = 0.9;
const BETA2 = 0.999;

export function deviceAdam(tf: Tf, learningRate: number): TF.Optimizer {
  class DeviceAdam extends tf.Optimizer {
    static get className(): string {
      // What a saved training config calls it: it is Adam.
      return 'Adam';
    }

    learningRate: number;
    private readonly epsilon = tf.backend().epsilon();
    private readonly constants: Record<'beta1' | 'oneMinusBeta1' | 'beta2' | 'oneMinusBeta2' | 'epsilon' | 'one', TF.Scalar>;
    private negRate: { value: number; tensor: TF.Scalar } | null = null;
    private readonly accBeta1: TF.Variable;
    private readonly accBeta2: TF.Variable;
    private readonly moments = new Map<string, { m: TF.Variable; v: TF.Variable }>();
    /** On WebGPU three kernels per variable, constants as uniforms (webgpu-adam.ts); on wasm one (wasm-adam.ts). */
    private readonly fused = fusedAdamUpdate(tf) ?? wasmAdamUpdate(tf);

    constructor(rate: number) {
      super();
      this.learningRate = rate;
      this.constants = tf.tidy(() => ({
        beta1: tf.keep(tf.scalar(BETA1)),
        oneMinusBeta1: tf.keep(tf.scalar(1 - BETA1)),
        beta2: tf.keep(tf.scalar(BETA2)),
        oneMinusBeta2: tf.keep(tf.scalar(1 - BETA2)),
        epsilon: tf.keep(tf.scalar(this.epsilon)),
        one: tf.keep(tf.scalar(1)),
      }));
      this.accBeta1 = tf.tidy(() => tf.scalar(BETA1).variable(false));
      this.accBeta2 = tf.tidy(() => tf.scalar(BETA2).variable(false));
    }

    private rateTensor(): TF.Scalar {
      if (this.negRate?.value !== this.learningRate) {
        this.negRate?.tensor.dispose();
        this.negRate = { value: this.learningRate, tensor: tf.keep(tf.scalar(-this.learningRate)) };
      }
      return this.negRate.tensor;
    }

    applyGradients(variableGradients: Parameters<TF.Optimizer['applyGradients']>[0]): void {
      const c = this.constants;
      const entries = Array.isArray(variableGradients) ? variableGradients.map((g) => [g.name, g.tensor] as const) : Object.entries(variableGradients);
      if (this.fused) {
        this.applyFused(entries, this.fused);
        return;
      }
      const negRate = this.rateTensor();
      tf.tidy(() => {
        const oneMinusAccBeta1 = tf.sub(c.one, this.accBeta1);
        const oneMinusAccBeta2 = tf.sub(c.one, this.accBeta2);
        for (const [name, gradient] of entries) {
          const value = tf.engine().registeredVariables[name];
          const slot = this.slot(name, value);
          if (gradient == null) continue;
          const m = tf.add(tf.mul(slot.m, c.beta1), tf.mul(gradient, c.oneMinusBeta1));
          const v = tf.add(tf.mul(slot.v, c.beta2), tf.mul(tf.square(gradient), c.oneMinusBeta2));
          const mHat = tf.div(m, oneMinusAccBeta1);
          const vHat = tf.div(v, oneMinusAccBeta2);
          slot.m.assign(m);
          slot.v.assign(v);
          value.assign(tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), c.epsilon)), negRate), value));
        }
        this.accBeta1.assign(tf.mul(this.accBeta1, c.beta1));
        this.accBeta2.assign(tf.mul(this.accBeta2, c.beta2));
      });
      this.incrementIterations();
    }

    private slot(name: string, value: TF.Variable): { m: TF.Variable; v: TF.Variable } {
      let slot = this.moments.get(name);
      if (!slot) {
        slot = tf.tidy(() => ({ m: tf.zerosLike(value).variable(false), v: tf.zerosLike(value).variable(false) }));
        this.moments.set(name, slot);
      }
      return slot;
    }

    private applyFused(entries: readonly (readonly [string, TF.Tensor | null | undefined])[], update: NonNullable<typeof this.fused>): void {
      const t = this.iterations + 1;
      const constants = { beta1: BETA1, beta2: BETA2, epsilon: this.epsilon, rate: this.learningRate, correction1: 1 - BETA1 ** t, correction2: 1 - BETA2 ** t };
      tf.tidy(() => {
        for (const [name, gradient] of entries) {
          const value = tf.engine().registeredVariables[name];
          const slot = this.slot(name, value);
          if (gradient == null) continue;
          const next = update(value, slot.m, slot.v, gradient, constants);
          slot.m.assign(next.m);
          slot.v.assign(next.v);
          value.assign(next.w);
        }
      });
      this.incrementIterations();
    }

    override dispose(): void {
      tf.dispose([...Object.values(this.constants), this.accBeta1, this.accBeta2, ...[...this.moments.values()].flatMap((s) => [s.m, s.v])]);
      this.negRate?.tensor.dispose();
      this.moments.clear();
    }

    getConfig(): TF.serialization.ConfigDict {
      return { learningRate: this.learningRate, beta1: BETA1, beta2: BETA2, epsilon: this.epsilon };
    }
  }
  return new DeviceAdam(learningRate);
}
