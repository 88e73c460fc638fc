/**
 * Starting weights for an explained step before any training has happened:
 * the Glorot-uniform draw tfjs makes by default for Dense kernels (limit
 * √(6 / (fan-in + fan-out))) and zero biases, from a seed, rounded to two
 * decimals so the captions' sums stay easy to follow by hand.
 */
import { mulberry32 } from '../datasets/random.ts';
import type { ExplainNet, LayerWeights } from './types.ts';

export function exampleWeights(net: ExplainNet, seed = 1): LayerWeights[] {
  const next = mulberry32(seed);
  const round = (v: number) => Math.round(v * 100) / 100;
  return net.layers.map((layer) => {
    const limit = Math.sqrt(6 / (layer.inputs + layer.units));
    return {
      kernel: Array.from({ length: layer.inputs }, () => Array.from({ length: layer.units }, () => round((2 * next() - 1) * limit))),
      bias: layer.useBias ? new Array<number>(layer.units).fill(0) : [],
    };
  });
}
