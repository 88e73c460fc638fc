/** Embedding: token ids in, learned vectors out. Family Core, as in Keras. */
import { MAX_UNITS, MAX_VOCABULARY } from '../document/limits.ts';
import { formatShape, INITIALIZERS, regularizerConfig, regularizerParams } from './common.ts';
import { p } from './params.ts';
import { reshapeFix } from './shape-help.ts';
import type { LayerDef } from './types.ts';

export const Embedding: LayerDef = {
  kind: 'Embedding',
  family: 'Core',
  summary: 'Turns each token id (a word number) into a learned vector of numbers, so words with similar use end up with similar vectors.',
  inputs: { min: 1, max: 1 },
  params: {
    inputDim: { type: 'int', label: 'Vocabulary size', default: 1000, min: 1, limit: MAX_VOCABULARY, doc: 'How many different token ids there are: the largest id plus one. Ids at or above it cannot be looked up.' },
    outputDim: { type: 'int', label: 'Vector size', default: 16, min: 1, limit: MAX_UNITS, doc: 'How many numbers describe each token; 8–64 is plenty for small vocabularies.' },
    embeddingsInitializer: { type: 'enum', label: 'Initializer', default: 'randomUniform', options: INITIALIZERS, doc: 'How the vectors start; small random values let each token drift to its own place.' },
    ...regularizerParams('embeddings', 'Embeddings'),
  },
  headline: ['inputDim', 'outputDim'],
  factory: 'embedding',
  inferShape([input], params) {
    if (input.length === 3 && input[2] === 1 && input[1] !== null) {
      return {
        ok: false,
        message: `Embedding expects token ids as a 2-D input [batch, sequence length] but got ${formatShape(input)}: insert a Reshape to [${input[1]}] before it to drop the size-1 axis`,
        fix: reshapeFix([input[1]]),
      };
    }
    if (input.length !== 2) {
      return { ok: false, message: `Embedding expects token ids as a 2-D input [batch, sequence length] but got ${formatShape(input)}: feed it an Input of shape [sequence length] with data type int32` };
    }
    return { ok: true, shape: [null, input[1], p.int(params, 'outputDim')] };
  },
  paramCount: (_inputs, params) => ({ trainable: p.int(params, 'inputDim') * p.int(params, 'outputDim'), nonTrainable: 0 }),
  toConfig(params) {
    const config: Record<string, unknown> = {
      inputDim: p.int(params, 'inputDim'),
      outputDim: p.int(params, 'outputDim'),
      embeddingsInitializer: p.str(params, 'embeddingsInitializer'),
    };
    const reg = regularizerConfig(params, 'embeddings');
    if (reg) config.embeddingsRegularizer = reg;
    return { className: 'Embedding', config };
  },
};
